using System.Text;
using EastWestIds.Engine.Authorization;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Mesh;

namespace EastWestIds.Fuzz;

/// <summary>
/// Any bytes as the Kubernetes manifests a mesh admin points ewids at (<c>--manifests</c>: Services, workloads,
/// AuthorizationPolicies, PeerAuthentications, VirtualServices). Reading must answer with objects and errors that
/// name the file, never throw; the inventory and its compiled policies then judge four fixed mesh calls through the
/// pipeline's policy stage, with the EVE check, as the sink would after a reload.
/// </summary>
internal sealed class ManifestsTarget : IFuzzTarget
{
    private static readonly byte[][] Calls =
    [
        .. new[]
        {
            // The bookinfo scenario of the policy tests: allowed, denied (POST to ratings), a path a DENY names, and
            // a caller from a namespace no manifest mentions.
            ("GET /reviews/0 HTTP/1.1", "reviews-shadow:9080", "ns/bookinfo/sa/productpage"),
            ("POST /ratings/0 HTTP/1.1", "ratings.bookinfo.svc.cluster.local:9080", "ns/bookinfo/sa/reviews"),
            ("GET /debug/pprof HTTP/1.1", "details.bookinfo:9080", "ns/other/sa/tester"),
            ("DELETE /api/v1/orders/7 HTTP/1.1", "orders.shop:8080", "ns/shop/sa/frontend"),
        }.Select(c => Encoding.ASCII.GetBytes($"{c.Item1}\r\nHost: {c.Item2}\r\n" +
            $"x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/{c.Item3}\r\n\r\n")),
    ];

    private readonly PolicySnapshotSource _policies = new(PolicySnapshot.Compile(InventorySnapshot.Empty, MeshAuthzSettings.Default, "cluster.local"));
    private readonly InspectionHarness _harness;

    public ManifestsTarget()
    {
        _harness = new InspectionHarness(null, _policies);
    }

    public string Name => "manifests";

    /// <summary>The outcome of each fixed call for the last input (for the tests).</summary>
    internal List<string> LastOutcomes { get; } = [];

    /// <summary>What reading the last input found (for the tests).</summary>
    internal InventoryReadResult? LastRead { get; private set; }

    public void Run(ReadOnlySpan<byte> input)
    {
        var builder = new InventoryBuilder();
        var result = LastRead = new KubernetesYamlReader().ReadText(Encoding.UTF8.GetString(input), "fuzz.yaml", builder);
        foreach (var error in result.Errors)
        {
            if (error.File != "fuzz.yaml" || string.IsNullOrWhiteSpace(error.Message))
            {
                throw new FuzzInvariantException($"a manifest error that does not say where or what: {error}");
            }
        }

        _policies.Publish(PolicySnapshot.Compile(builder.Build(), MeshAuthzSettings.Default, "cluster.local"));
        LastOutcomes.Clear();
        foreach (byte[] call in Calls)
        {
            var outcomes = _harness.Inspect(call);
            if (outcomes.Count != 1)
            {
                throw new FuzzInvariantException("a fixed mesh call was not analysed once");
            }

            LastOutcomes.Add(outcomes[0]);
        }
    }
}
