using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Host.FunctionalTests.Live;

/// <summary>
/// <c>ewids serve --kubernetes</c> end to end: the sink lists and watches the test API server through a kubeconfig,
/// judges mirrored requests by the AuthorizationPolicies and pods the server holds, and follows changes to them.
/// In bookinfo only reviews may call ratings; productpage calling ratings is denied.
/// </summary>
public sealed class KubernetesServeTests
{
    private const string DeniedSid = "9300010";

    private static string Xfcc(string serviceAccount) =>
        $"By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI=spiffe://cluster.local/ns/bookinfo/sa/{serviceAccount}";

    private static JsonObject Pod(string name, string app, string ip, string version = "v1") => KubernetesSink.One($$$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{{name}}}, namespace: bookinfo, labels: {app: {{{app}}}, version: {{{version}}}}}
        spec: {serviceAccountName: {{{app}}}, containers: [{name: {{{app}}}, image: i, ports: [{name: http, containerPort: 9080}]}]}
        status: {podIP: {{{ip}}}}
        """);

    private static JsonObject RatingsViewer(string selector = "{app: ratings}") => KubernetesSink.One($$$"""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ratings-viewer, namespace: bookinfo}
        spec:
          selector: {matchLabels: {{{selector}}}}
          action: ALLOW
          rules:
          - from: [{source: {principals: ["cluster.local/ns/bookinfo/sa/reviews"]}}]
            to: [{operation: {methods: [GET]}}]
        """);

    private static JsonObject[] Bookinfo(string selector = "{app: ratings}") =>
    [
        KubernetesSink.One("apiVersion: v1\nkind: Namespace\nmetadata: {name: bookinfo, labels: {istio-injection: enabled}}\n"),
        KubernetesSink.One("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: productpage, namespace: bookinfo}\n"),
        KubernetesSink.One("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: reviews, namespace: bookinfo}\n"),
        KubernetesSink.One("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ratings, namespace: bookinfo}\n"),
        KubernetesSink.One("""
            apiVersion: v1
            kind: Service
            metadata: {name: ratings, namespace: bookinfo}
            spec:
              selector: {app: ratings}
              ports: [{name: http, port: 9080, targetPort: 9080}]
            """),
        Pod("productpage-1", "productpage", "10.0.0.1"),
        Pod("reviews-1", "reviews", "10.0.0.2"),
        Pod("ratings-1", "ratings", "10.0.0.3"),
        RatingsViewer(selector),
    ];

    /// <summary>Mirrors GET /ratings/0 from <paramref name="caller"/> and returns its EVE http record (by request id).</summary>
    private static async Task<JsonElement> MirrorAsync(KubernetesSink sink, string caller, string id)
    {
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        await client.SendAsync($"GET /ratings/0 HTTP/1.1\r\nHost: ratings.bookinfo-shadow:9080\r\nx-request-id: {id}\r\nx-forwarded-client-cert: {Xfcc(caller)}\r\n\r\n");
        var responses = await client.ReadResponsesAsync(1);
        Assert.StartsWith("HTTP/1.1 200 OK", responses[0], StringComparison.Ordinal);
        var records = await sink.Alerts.WaitForAsync(r => r.Any(x => IsHttpRecord(x, id)), what: $"the http record of {id}");
        return records.Single(r => IsHttpRecord(r, id));
    }

    private static bool IsHttpRecord(JsonElement record, string id) =>
        record.GetProperty("event_type").GetString() == "http" && record.GetProperty("mesh").GetProperty("request_id").GetString() == id;

    private static string Verdict(JsonElement record) => record.GetProperty("mesh").GetProperty("policy").GetProperty("verdict").GetString()!;

    private static IEnumerable<JsonElement> Denials(KubernetesSink sink, string id) => sink.Alerts.OfType("alert").Where(a =>
        a.GetProperty("alert").GetProperty("signature_id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) == DeniedSid
        && a.GetProperty("mesh").GetProperty("request_id").GetString() == id);

    private static Task<double> SuccessfulPublishes(KubernetesSink sink) => sink.MetricAsync("eastwestids_k8s_policy_publishes_total{result=\"success\"}");

    [Fact]
    public async Task Serve_Kubernetes_JudgesByTheServersPolicy_AndFollowsAPolicyChange()
    {
        await using var sink = await KubernetesSink.StartAsync(Bookinfo());
        await sink.ReadyAsync();

        var denied = await MirrorAsync(sink, "productpage", "before");
        Assert.Equal("denied", Verdict(denied));
        var alert = Assert.Single(Denials(sink, "before"));
        Assert.Equal("bookinfo/ratings-viewer", alert.GetProperty("mesh").GetProperty("policy").GetProperty("policy").GetString());
        Assert.Equal("allowed", Verdict(await MirrorAsync(sink, "reviews", "reviews-before")));

        // An admin lets productpage read ratings too: a MODIFIED event on the open watch, one rebuild, one new snapshot.
        var published = await SuccessfulPublishes(sink);
        sink.Store.Edit(ApiResource.AuthorizationPolicies, "bookinfo", "ratings-viewer", policy =>
            policy["spec"]!["rules"]![0]!["from"]![0]!["source"]!["principals"]!.AsArray().Add("cluster.local/ns/bookinfo/sa/productpage"));
        await sink.MetricEventuallyAsync("eastwestids_k8s_policy_publishes_total{result=\"success\"}", v => v > published);

        var allowed = await MirrorAsync(sink, "productpage", "after");
        Assert.Equal("allowed", Verdict(allowed));
        Assert.Equal("bookinfo/ratings-viewer", allowed.GetProperty("mesh").GetProperty("policy").GetProperty("policy").GetString());
        Assert.Empty(Denials(sink, "after"));
        Assert.Equal(1, sink.Server.Requests.Count(r => r.Resource == "authorizationpolicies" && r.Verb == "list" && r.Status == 200)); // followed by the watch
    }

    [Fact]
    public async Task Serve_Kubernetes_FollowsPods_APolicyStopsApplyingWhenItsWorkloadIsReplaced()
    {
        // The policy selects ratings v1 only; a rollout to v2 leaves ratings with no ALLOW policy, so Istio allows all.
        await using var sink = await KubernetesSink.StartAsync(Bookinfo("{app: ratings, version: v1}"));
        await sink.ReadyAsync();
        Assert.Equal("denied", Verdict(await MirrorAsync(sink, "productpage", "v1")));

        var published = await SuccessfulPublishes(sink);
        sink.Store.Seed(Pod("ratings-2", "ratings", "10.0.0.4", version: "v2"));
        sink.Store.Delete(ApiResource.Pods, "bookinfo", "ratings-1", null);
        await sink.MetricEventuallyAsync("eastwestids_k8s_inventory_objects{resource=\"pods\"}", v => v == 3);
        await sink.MetricEventuallyAsync("eastwestids_k8s_policy_publishes_total{result=\"success\"}", v => v > published);
        await WaitUntilPodsAsync(sink, "ratings-2", "ratings-1");

        var after = await MirrorAsync(sink, "productpage", "v2");
        Assert.NotEqual("denied", Verdict(after));
        Assert.Empty(Denials(sink, "v2"));
    }

    /// <summary>The snapshot in force holds <paramref name="present"/> and not <paramref name="gone"/>.</summary>
    private static async Task WaitUntilPodsAsync(KubernetesSink sink, string present, string gone)
    {
        var deadline = DateTime.UtcNow + KubernetesSink.Patience;
        while (true)
        {
            var pods = sink.PolicySnapshot.Inventory.Pods;
            if (pods.Any(p => p.Name == present) && !pods.Any(p => p.Name == gone))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the policy snapshot holds pods [{string.Join(", ", pods.Select(p => p.Name))}]");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Readyz_Is503UntilTheServerAnswersLists_Then200_AndHealthzIsUnaffected()
    {
        var listsAnswered = new TaskCompletionSource();
        await using var sink = await KubernetesSink.StartAsync(Bookinfo(), server => server.Deny = r => !listsAnswered.Task.IsCompleted && r.Verb == "list" && r.Resource == "pods" ? 503 : null);

        // Every other resource lists; pods cannot: not ready, and the policy stage has nothing from the cluster yet.
        await sink.MetricEventuallyAsync("eastwestids_k8s_watch_restarts_total{resource=\"pods\",reason=\"error\"}", v => v >= 1);
        Assert.Equal((503, "starting\n"), await sink.AdminAsync("/readyz"));
        Assert.Equal(200, (await sink.AdminAsync("/healthz")).Status);
        Assert.Equal(0, await sink.MetricAsync("eastwestids_k8s_inventory_ready"));
        Assert.Equal(0, await SuccessfulPublishes(sink));
        Assert.Empty(sink.PolicySnapshot.Inventory.Pods);

        listsAnswered.SetResult();
        await sink.ReadyAsync();

        Assert.Equal(200, (await sink.AdminAsync("/healthz")).Status);
        Assert.Equal(1, await sink.MetricAsync("eastwestids_k8s_inventory_ready"));
        Assert.Equal(3, await sink.MetricAsync("eastwestids_k8s_inventory_objects{resource=\"pods\"}"));
        Assert.Equal(1, await sink.MetricAsync("eastwestids_k8s_inventory_objects{resource=\"authorizationpolicies\"}"));
        Assert.True(await sink.MetricAsync("eastwestids_k8s_inventory_rebuilds_total") >= 1);
        Assert.True(await sink.MetricAsync("eastwestids_k8s_inventory_rebuild_duration_seconds_count") >= 1);
        Assert.True(await SuccessfulPublishes(sink) >= 1);
        Assert.Equal(3, sink.PolicySnapshot.Inventory.Pods.Length);
    }
}
