using EastWestIds.Host.FunctionalTests.Proxy;
using EastWestIds.Host.Kubernetes;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Host.FunctionalTests.Live;

/// <summary><c>ewids proxy --kubernetes</c> shares the live inventory with <c>serve</c>: the same readiness and the same feed.</summary>
public sealed class KubernetesProxyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-k8s-proxy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Proxy_Kubernetes_ReadyOnlyAfterTheLists_ThenFollowsThePolicies()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Store.Seed(KubernetesSink.One("apiVersion: v1\nkind: Namespace\nmetadata: {name: bookinfo}\n"));
        var listsAnswered = new TaskCompletionSource();
        server.Deny = r => !listsAnswered.Task.IsCompleted && r.Verb == "list" && r.Resource == "pods" ? 503 : null;
        var kubeconfig = server.WriteKubeconfig(_dir);
        var policies = LivePolicyFeed.InitialSource("istio-system", ["cluster.local"], "cluster.local");
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Kubernetes = new KubernetesInventoryOptions(kubeconfig, "test", null) { Debounce = TimeSpan.FromMilliseconds(20) },
            Inspection = o.Inspection with { Policies = policies },
        });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{proxy.AdminPort}") };

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, (await admin.GetAsync("/readyz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/healthz")).StatusCode);

        listsAnswered.SetResult();
        // The pod informer backs off while refused (0.5 s doubling, jittered): on a loaded machine that can add seconds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await admin.GetAsync("/readyz")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "/readyz never turned 200");
            await Task.Delay(20);
        }

        Assert.Equal(["bookinfo"], policies.Current.Inventory.Namespaces.Select(n => n.Name));
        Assert.Contains("eastwestids_k8s_inventory_ready 1", await admin.GetStringAsync("/metrics"));

        server.Store.Seed(KubernetesSink.One("""
            apiVersion: security.istio.io/v1
            kind: AuthorizationPolicy
            metadata: {name: deny-all, namespace: bookinfo}
            spec: {action: DENY, rules: [{}]}
            """));
        while (policies.Current.Policies.Policies.Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the proxy's policy snapshot never got the new AuthorizationPolicy");
            await Task.Delay(20);
        }

        Assert.Equal("bookinfo/deny-all", Assert.Single(policies.Current.Policies.Policies).Name);
    }
}
