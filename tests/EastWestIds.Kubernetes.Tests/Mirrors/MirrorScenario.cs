using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Cluster;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.Mirrors;

/// <summary>A test API server seeded with the sink, and the real KubernetesClient talking to it.</summary>
internal sealed class MirrorScenario : IAsyncDisposable
{
    private MirrorScenario(TestApiServer server) => Server = server;

    public TestApiServer Server { get; }

    public ObjectStore Store => Server.Store;

    public static readonly ServiceHost Reviews = new("reviews", "default");

    public static readonly MirrorSinkOptions Sink = new(MirrorSinkOptions.DefaultSink);

    /// <summary>A server holding the sink Service (8080, 8081, 9090), its STRICT PeerAuthentication, reviews and istiod at <paramref name="istio"/>.</summary>
    public static async Task<MirrorScenario> StartAsync(string? istio = "1.22.3", bool strict = true)
    {
        var scenario = new MirrorScenario(await TestApiServer.StartAsync());
        scenario.Store.Seed(TestObjects.SinkService(), TestObjects.Service("reviews"));
        if (strict)
        {
            scenario.Store.Seed(TestObjects.StrictPeerAuthentication());
        }

        if (istio is not null)
        {
            scenario.Store.Seed(TestObjects.Istiod(istio));
        }

        return scenario;
    }

    public MirrorManager Manager(MirrorSinkOptions? sink = null, IstioVersion? istio = null) =>
        new(new KubernetesMirrorCluster(Server.CreateClient()), sink ?? Sink) { IstioVersionOverride = istio };

    public JsonObject VirtualService(string name, string ns = "default") =>
        Store.Get(ApiResource.VirtualServices, ns, name) ?? throw new Xunit.Sdk.XunitException($"no VirtualService {ns}/{name}");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
