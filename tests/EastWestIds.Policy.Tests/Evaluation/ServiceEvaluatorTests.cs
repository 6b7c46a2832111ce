using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.Policy.Requests;
using EastWestIds.TestCommon;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>Several workloads behind one Service: each is judged with its own labels and target port.</summary>
public class ServiceEvaluatorTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          selector: {app: reviews}
          ports: [{name: http, port: 9080, targetPort: web}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews-v1, namespace: bookinfo}
        spec:
          template:
            metadata: {labels: {app: reviews, version: v1}}
            spec:
              serviceAccountName: reviews
              containers: [{name: r, ports: [{name: web, containerPort: 9080}]}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews-v2, namespace: bookinfo}
        spec:
          template:
            metadata: {labels: {app: reviews, version: v2}}
            spec:
              serviceAccountName: reviews
              containers: [{name: r, ports: [{name: web, containerPort: 9081}]}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: v2-only-productpage, namespace: bookinfo}
        spec:
          selector: {matchLabels: {version: v2}}
          rules: [{from: [{source: {principals: [cluster.local/ns/bookinfo/sa/productpage]}}], to: [{operation: {ports: ["9081"]}}]}]
        """;

    [Fact]
    public void Workloads_Disagree_MostSevereReported()
    {
        var (set, inventory) = Load();
        var service = inventory.Services[0];
        var workloads = inventory.WorkloadsBehind(service);
        var request = new Req(Principal: "spiffe://cluster.local/ns/bookinfo/sa/ratings", Port: 0).Build();

        var verdict = ServiceEvaluator.Evaluate(set, workloads, service.Ports[0], request);

        Assert.Equal(2, verdict.WorkloadCount);
        Assert.True(verdict.Disagreement);
        Assert.Equal((VerdictKind.Denied, "bookinfo/Deployment/reviews-v2"), (verdict.Verdict.Kind, verdict.Workload!.ToString()));
        Assert.Equal((VerdictKind.Unprotected, "bookinfo/Deployment/reviews-v1"), (verdict.Other.Kind, verdict.OtherWorkload!.ToString()));
    }

    [Fact]
    public void NamedTargetPort_ResolvedPerWorkload()
    {
        var (set, inventory) = Load();
        var service = inventory.Services[0];
        var request = new Req(Principal: "spiffe://cluster.local/ns/bookinfo/sa/productpage", Port: 0).Build();

        // v2's policy allows port 9081, which is what "web" means on v2 (9080 on v1)
        var verdict = ServiceEvaluator.Evaluate(set, inventory.WorkloadsBehind(service), service.Ports[0], request);

        Assert.Equal(VerdictKind.Allowed, verdict.Verdict.Kind);
        Assert.True(verdict.Disagreement); // v1 is unprotected
        Assert.Equal(0, verdict.WorkloadsWithoutPort);
    }

    [Fact]
    public void NoWorkloads_GivesEmptyResult()
    {
        var (set, _) = Load();

        var verdict = ServiceEvaluator.Evaluate(set, [], null, new Req().Build());

        Assert.Equal(0, verdict.WorkloadCount);
        Assert.Null(verdict.Workload);
    }

    [Fact]
    public void Evaluate_AllocatesNothing()
    {
        var (set, inventory) = Load();
        var service = inventory.Services[0];
        var workloads = inventory.WorkloadsBehind(service);
        var allowed = new Req(Principal: "spiffe://cluster.local/ns/bookinfo/sa/productpage", Port: 0, Headers: [("x-a", "1")]);
        var parts = allowed.Build();
        var port = service.Ports[0];

        int checksum = 0;
        for (int i = 0; i < 100; i++)
        {
            checksum += ServiceEvaluator.Evaluate(set, workloads, port, parts).Verdict.Kind == VerdictKind.Allowed ? 1 : 0;
        }

        long allocated = SteadyAllocation.LeastBytes(parts, parts =>
        {
            checksum = 0;
            for (int i = 0; i < 1000; i++)
            {
                checksum += ServiceEvaluator.Evaluate(set, workloads, port, parts).Verdict.Kind == VerdictKind.Allowed ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000, checksum);
    }

    private static (CompiledPolicySet Set, InventorySnapshot Inventory) Load()
    {
        var builder = new InventoryBuilder();
        var read = new KubernetesYamlReader().ReadText(Mesh, "bookinfo.yaml", builder);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var inventory = builder.Build();
        return (new PolicyCompiler(MeshAuthzSettings.Default).Compile(inventory.AuthorizationPolicies), inventory);
    }
}
