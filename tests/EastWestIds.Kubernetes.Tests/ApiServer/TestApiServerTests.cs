using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.ApiServer;

/// <summary>The test API server answers the real KubernetesClient as a real one would (what the other tests rely on).</summary>
public sealed class TestApiServerTests
{
    private static JsonObject Pod(string name, string ns, string app) => TestObjects.One($$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
          labels: {app: {{app}} }
        spec: {serviceAccountName: {{app}}, containers: [{name: c, image: i}]}
        status: {podIP: 10.0.0.9}
        """);

    [Fact]
    public async Task CoreObjects_GetAndList_ThroughTheTypedClient()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Store.Seed(Pod("a", "default", "reviews"), Pod("b", "default", "ratings"), Pod("c", "other", "reviews"), TestObjects.Service("reviews"));
        server.Store.Seed(TestObjects.One("apiVersion: v1\nkind: Namespace\nmetadata: {name: default, labels: {istio-injection: enabled}}\n"));
        var client = server.CreateClient();

        var all = await client.CoreV1.ListPodForAllNamespacesAsync();
        var selected = await client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=reviews");
        var ns = await client.CoreV1.ReadNamespaceAsync("default");
        var service = await client.CoreV1.ReadNamespacedServiceAsync("reviews", "default");

        Assert.Equal(["a", "b", "c"], all.Items.Select(p => p.Metadata.Name));
        Assert.Equal("10.0.0.9", Assert.Single(selected.Items).Status.PodIP);
        Assert.Equal("enabled", ns.Metadata.Labels["istio-injection"]);
        Assert.Equal(9080, Assert.Single(service.Spec.Ports).Port);
        Assert.False(string.IsNullOrEmpty(all.Metadata.ResourceVersion));
        Assert.Equal(["list", "list", "get", "get"], server.Requests.Select(r => r.Verb));
    }

    [Fact]
    public async Task Missing_Is404WithAStatusObject()
    {
        await using var server = await TestApiServer.StartAsync();
        var client = server.CreateClient();

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedServiceAsync("nope", "default"));
        var crd = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.ListClusterCustomObjectAsync("example.com", "v1", "widgets"));

        Assert.Equal(HttpStatusCode.NotFound, ex.Response.StatusCode);
        var status = JsonNode.Parse(ex.Response.Content)!;
        Assert.Equal(("Status", "NotFound", 404), ((string?)status["kind"], (string?)status["reason"], (int?)status["code"]));
        Assert.Equal("services \"nope\" not found", (string?)status["message"]);
        Assert.Equal(HttpStatusCode.NotFound, crd.Response.StatusCode);
    }

    [Fact]
    public async Task CustomObjects_CreateReplaceDelete_WithResourceVersions()
    {
        await using var server = await TestApiServer.StartAsync();
        var client = server.CreateClient();
        var changes = new List<(ObjectChange, string?)>();
        server.Store.Changed += (change, _, obj) => changes.Add((change, (string?)obj["metadata"]!["resourceVersion"]));
        var vs = TestObjects.ReviewsVirtualService();

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(vs, "networking.istio.io", "v1", "default", "virtualservices");
        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(vs, "networking.istio.io", "v1", "default", "virtualservices"));
        var read = JsonNode.Parse(((System.Text.Json.JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1beta1", "default", "virtualservices", "reviews")).GetRawText())!.AsObject();
        read["spec"]!["http"]![0]!["timeout"] = "3s";
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(read, "networking.istio.io", "v1", "default", "virtualservices", "reviews");
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(read, "networking.istio.io", "v1", "default", "virtualservices", "reviews"));
        var staleDelete = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "networking.istio.io", "v1", "default", "virtualservices", "reviews", new k8s.Models.V1DeleteOptions { Preconditions = new() { ResourceVersion = (string?)read["metadata"]!["resourceVersion"] } }));
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync("networking.istio.io", "v1", "default", "virtualservices", "reviews");

        Assert.Equal("networking.istio.io/v1beta1", (string?)read["apiVersion"]); // served in the version asked for
        Assert.Equal((HttpStatusCode.Conflict, "AlreadyExists"), (duplicate.Response.StatusCode, (string?)JsonNode.Parse(duplicate.Response.Content)!["reason"]));
        Assert.Equal((HttpStatusCode.Conflict, "Conflict"), (stale.Response.StatusCode, (string?)JsonNode.Parse(stale.Response.Content)!["reason"]));
        Assert.Equal(HttpStatusCode.Conflict, staleDelete.Response.StatusCode);
        Assert.Null(server.Store.Get(ApiResource.VirtualServices, "default", "reviews"));
        Assert.Equal([ObjectChange.Added, ObjectChange.Modified, ObjectChange.Deleted], changes.Select(c => c.Item1));
        Assert.True(changes.Select(c => long.Parse(c.Item2!)).Order().SequenceEqual(changes.Select(c => long.Parse(c.Item2!))));
        Assert.Equal(["create", "create", "get", "update", "update", "delete", "delete"], server.Requests.Select(r => r.Verb));
    }

    [Fact]
    public async Task Deny_Answers403()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Deny = r => r.Resource == "pods" ? 403 : null;

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() => server.CreateClient().CoreV1.ListNamespacedPodAsync("default"));

        Assert.Equal(HttpStatusCode.Forbidden, ex.Response.StatusCode);
        Assert.Equal(403, Assert.Single(server.Requests).Status);
    }
}
