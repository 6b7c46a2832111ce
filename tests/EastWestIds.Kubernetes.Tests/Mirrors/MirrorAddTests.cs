using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.Kubernetes.Objects;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.Mirrors;

/// <summary><c>ewids mirror add</c> with the real KubernetesClient against the test API server.</summary>
public sealed class MirrorAddTests
{
    private const string SinkHost = "ewids.ewids-system.svc.cluster.local";

    /// <summary>The VirtualService without anything mirroring writes: what must come through any add unchanged.</summary>
    internal static JsonObject WithoutMirrors(JsonObject virtualService)
    {
        var copy = virtualService.DeepClone().AsObject();
        foreach (var route in KubeJson.Items(copy, "spec", "http").OfType<JsonObject>())
        {
            foreach (var key in new[] { "mirror", "mirrors", "mirrorPercentage" })
            {
                route.Remove(key);
            }
        }

        (copy["metadata"]!["annotations"] as JsonObject)?.Remove(MirrorAnnotation.Key);
        foreach (var field in new[] { "resourceVersion", "generation" })
        {
            copy["metadata"]!.AsObject().Remove(field);
        }

        return copy;
    }

    [Fact]
    public async Task Add_RoutesWithoutMirrors_AddsMirrorAndPercentageToEachRouteToTheService_KeepsEverythingElse()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        var original = TestObjects.ReviewsVirtualService();
        scenario.Store.Seed(original);
        var before = scenario.VirtualService("reviews");

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Empty(result.Plan.Warnings);
        var after = scenario.VirtualService("reviews");
        var routes = KubeJson.Items(after, "spec", "http").Cast<JsonObject>().ToList();
        foreach (var route in routes.Take(2))
        {
            Assert.Equal(SinkHost, KubeJson.Text(route, "mirror", "host"));
            Assert.Equal(8080, KubeJson.Number(route, "mirror", "port", "number"));
            Assert.Equal(10, KubeJson.Number(route, "mirrorPercentage", "value"));
            Assert.False(route.ContainsKey("mirrors"));
        }

        Assert.False(routes[2].ContainsKey("mirror")); // routes to legacy-reviews, not to reviews
        Assert.Null(KubeJson.At(after, "spec", "tcp", "0", "mirror"));
        Assert.True(JsonNode.DeepEquals(WithoutMirrors(before), WithoutMirrors(after)), after.ToJsonString());
        Assert.Equal("books-team", KubeJson.Text(after, "metadata", "annotations", "owner"));
        Assert.Equal("me", KubeJson.Text(after, "spec", "x-future-field", "keep"));
        Assert.Equal("[1,2.50,\"3\"]", after["spec"]!["http"]![1]!["unknownRouteField"]!.ToJsonString());
        var record = Assert.Single(MirrorAnnotation.Read(after, out _));
        Assert.Equal([0, 1], record.Routes.Select(r => r.Index));
    }

    [Fact]
    public async Task Add_RouteWithOwnMirror_Istio122_TurnsItIntoMirrorsWithBoth()
    {
        await using var scenario = await MirrorScenario.StartAsync("1.22.3");
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(withOwnMirror: true));

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 25, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Contains(result.Notes, n => n.Contains("Istio 1.22", StringComparison.Ordinal));
        var route = scenario.VirtualService("reviews")["spec"]!["http"]![0]!.AsObject();
        Assert.False(route.ContainsKey("mirror"));
        Assert.False(route.ContainsKey("mirrorPercentage"));
        var mirrors = route["mirrors"]!.AsArray();
        Assert.Equal(2, mirrors.Count);
        Assert.Equal("reviews-shadow.qa.svc.cluster.local", KubeJson.Text(mirrors[0], "destination", "host"));
        Assert.Equal(5.5, KubeJson.Number(mirrors[0], "percentage", "value"));
        Assert.Equal(SinkHost, KubeJson.Text(mirrors[1], "destination", "host"));
        Assert.Equal(25, KubeJson.Number(mirrors[1], "percentage", "value"));
        // mirrors takes the place mirror had: after retries, not at the end
        Assert.Equal(["name", "match", "route", "retries", "mirrors"], route.Select(p => p.Key));
    }

    [Fact]
    public async Task Add_RouteWithMirrorsList_AppendsOneEntry()
    {
        await using var scenario = await MirrorScenario.StartAsync("1.22.3");
        var vs = TestObjects.ReviewsVirtualService();
        vs["spec"]!["http"]![1]!["mirrors"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = "audit.sec" } });
        scenario.Store.Seed(vs);

        await scenario.Manager().AddAsync(MirrorScenario.Reviews, 100, default);

        var mirrors = scenario.VirtualService("reviews")["spec"]!["http"]![1]!["mirrors"]!.AsArray();
        Assert.Equal(["audit.sec", SinkHost], mirrors.Select(m => KubeJson.Text(m, "destination", "host")));
        Assert.False(scenario.VirtualService("reviews")["spec"]!["http"]![1]!.AsObject().ContainsKey("mirror"));
    }

    [Theory]
    [InlineData("1.18.2")]
    [InlineData(null)]
    public async Task Add_RouteWithOwnMirror_OldOrUnknownIstio_RefusesAndWritesNothing(string? istio)
    {
        await using var scenario = await MirrorScenario.StartAsync(istio);
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(withOwnMirror: true));
        var before = scenario.VirtualService("reviews");

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Refused, result);
        Assert.Contains("allows one mirror per route", result.Plan.Refusal);
        Assert.Contains("reviews-shadow.qa.svc.cluster.local", result.Plan.Refusal);
        Assert.True(JsonNode.DeepEquals(before, scenario.VirtualService("reviews")));
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Verb is "update" or "create");
    }

    [Fact]
    public async Task Add_IstioVersionOverride_BeatsDetection()
    {
        await using var scenario = await MirrorScenario.StartAsync("1.18.0");
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(withOwnMirror: true));

        var result = await scenario.Manager(istio: new IstioVersion(1, 20)).AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Resource == "deployments");
    }

    [Fact]
    public async Task Add_NoVirtualService_CreatesAMinimalOne()
    {
        await using var scenario = await MirrorScenario.StartAsync();

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 50, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        var created = scenario.VirtualService("reviews-ewids-mirror");
        Assert.Equal(["reviews"], KubeJson.Items(created, "spec", "hosts").Select(KubeJson.AsText));
        var route = Assert.Single(KubeJson.Items(created, "spec", "http"));
        Assert.Equal("reviews", KubeJson.Text(KubeJson.Items(route, "route").First(), "destination", "host"));
        Assert.Equal(SinkHost, KubeJson.Text(route, "mirror", "host"));
        Assert.Equal(50, KubeJson.Number(route, "mirrorPercentage", "value"));
        Assert.Equal("ewids", KubeJson.Text(created, "metadata", "labels", "app.kubernetes.io/managed-by"));
        Assert.Contains(scenario.Server.Requests, r => r is { Verb: "create", Resource: "virtualservices", Status: 201 });
    }

    [Fact]
    public async Task Add_VirtualServiceInAnotherNamespace_NamingTheServiceFully_IsEditedToo()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.Yaml("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews-from-frontend, namespace: frontend}
            spec:
              hosts: [reviews.default.svc.cluster.local]
              exportTo: ["."]
              http:
              - route:
                - destination: {host: reviews.default}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews-here, namespace: frontend}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews}
            """));

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Equal(SinkHost, KubeJson.Text(scenario.VirtualService("reviews-from-frontend", "frontend")["spec"]!["http"]![0], "mirror", "host"));
        // 'reviews' in namespace frontend is frontend's own reviews, not default's
        Assert.Null(KubeJson.At(scenario.VirtualService("reviews-here", "frontend")["spec"]!["http"]![0], "mirror"));
        Assert.Null(scenario.Store.Get(ApiResource.VirtualServices, "default", "reviews-ewids-mirror"));
    }

    [Fact]
    public async Task Add_GrpcService_MirrorsToTheGrpcPort()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.Service("ratings", portName: "api", port: 9090, appProtocol: "grpc"));

        var result = await scenario.Manager().AddAsync(new ServiceHost("ratings", "default"), 100, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Equal(8081, KubeJson.Number(scenario.VirtualService("ratings-ewids-mirror")["spec"]!["http"]![0], "mirror", "port", "number"));
    }

    [Fact]
    public async Task Add_Twice_SecondIsNothingToDo()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);
        var version = KubeJson.ResourceVersion(scenario.VirtualService("reviews"));

        var again = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.NothingToDo, again);
        Assert.Contains(again.Plan.Notes, n => n.Contains("already mirrors to the sink (10%, added by ewids)", StringComparison.Ordinal));
        Assert.Equal(version, KubeJson.ResourceVersion(scenario.VirtualService("reviews")));
    }

    [Fact]
    public async Task Add_ConcurrentEditBetweenReadAndWrite_RereadsAndKeepsBothEdits()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        // Another admin raises the timeout after ewids has read the VirtualService and before it writes.
        scenario.Store.EditBeforeNextWrite(ApiResource.VirtualServices, "default", "reviews", vs => vs["spec"]!["http"]![1]!["timeout"] = "30s");

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Contains(result.Notes, n => n.StartsWith("conflict (attempt 1 of 5)", StringComparison.Ordinal));
        var route = scenario.VirtualService("reviews")["spec"]!["http"]![1]!;
        Assert.Equal("30s", KubeJson.Text(route, "timeout"));
        Assert.Equal(SinkHost, KubeJson.Text(route, "mirror", "host"));
        Assert.Equal([409, 200], scenario.Server.Requests.Where(r => r.Verb == "update").Select(r => r.Status));
    }

    [Fact]
    public async Task Add_ObjectChangingOnEveryWrite_GivesUpWithoutOverwriting()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        for (var i = 0; i < 5; i++)
        {
            var value = $"{i}s";
            scenario.Store.EditBeforeNextWrite(ApiResource.VirtualServices, "default", "reviews", vs => vs["spec"]!["http"]![1]!["timeout"] = value);
        }

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Failed, result);
        Assert.Contains("gave up after 5 attempts", result.Error);
        var route = scenario.VirtualService("reviews")["spec"]!["http"]![1]!;
        Assert.Equal("4s", KubeJson.Text(route, "timeout"));
        Assert.Null(KubeJson.At(route, "mirror"));
    }

    [Theory]
    [InlineData("ewids", "ewids-system")]
    public async Task Add_TheSinkItself_IsRefused(string name, string ns)
    {
        await using var scenario = await MirrorScenario.StartAsync();

        var result = await scenario.Manager().AddAsync(new ServiceHost(name, ns), 10, default);

        Expect.Outcome(MirrorOutcome.Refused, result);
        Assert.Contains("is the sink itself", result.Plan.Refusal);
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Verb is "create" or "update");
    }

    [Theory]
    [InlineData("ewids.ewids-system")]
    [InlineData("ewids.ewids-system.svc")]
    [InlineData("ewids.ewids-system.svc.cluster.local")]
    public async Task Add_SinkSpelledAnyWay_ViaAVirtualServiceMirroringBack_IsRefusedAsALoop(string sinkSpelling)
    {
        await using var scenario = await MirrorScenario.StartAsync();
        // Someone mirrors the sink's traffic to reviews; mirroring reviews to the sink would close the ring.
        scenario.Store.Seed(TestObjects.One($$"""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: sink-tap, namespace: ewids-system}
            spec:
              hosts: [{{sinkSpelling}}]
              http:
              - route:
                - destination: {host: ewids}
                mirror: {host: reviews.default.svc.cluster.local}
            """));

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Refused, result);
        Assert.Contains("would close a loop: ewids-system/ewids → default/reviews → ewids-system/ewids", result.Plan.Refusal);
    }

    [Fact]
    public async Task Add_LoopThroughAnotherService_IsRefused()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.Yaml("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: sink-tap, namespace: ewids-system}
            spec:
              hosts: [ewids]
              http:
              - route: [{destination: {host: ewids}}]
                mirror: {host: audit.sec}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: audit, namespace: sec}
            spec:
              hosts: [audit]
              http:
              - route: [{destination: {host: audit}}]
                mirrors:
                - destination: {host: reviews.default.svc.cluster.local}
            """));

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Refused, result);
        Assert.Contains("ewids-system/ewids → sec/audit → default/reviews → ewids-system/ewids", result.Plan.Refusal);
    }

    [Fact]
    public async Task Add_ServiceThatDoesNotExist_IsRefused()
    {
        await using var scenario = await MirrorScenario.StartAsync();

        var result = await scenario.Manager().AddAsync(new ServiceHost("nope", "default"), 10, default);

        Expect.Outcome(MirrorOutcome.Refused, result);
        Assert.Equal("Service default/nope not found", result.Plan.Refusal);
    }

    [Fact]
    public async Task Add_OnlyTcpRoutes_IsRefused()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.One("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: default}
            spec:
              hosts: [reviews]
              tcp:
              - route: [{destination: {host: reviews}}]
            """));

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Refused, result);
        Assert.Contains("no HTTP route", result.Plan.Refusal);
        Assert.Contains(result.Plan.Notes, n => n.Contains("TCP/TLS routes only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, null, "PERMISSIVE, not STRICT (no PeerAuthentication")]
    [InlineData(true, "PERMISSIVE", "PERMISSIVE, not STRICT (PeerAuthentication ewids-system/pa-permissive)")]
    public async Task Add_SinkWithoutStrictMtls_Warns(bool seedPolicy, string? mode, string expected)
    {
        await using var scenario = await MirrorScenario.StartAsync(strict: false);
        if (seedPolicy)
        {
            scenario.Store.Seed(TestObjects.StrictPeerAuthentication(mode: mode!));
        }

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Contains(result.Plan.Warnings, w => w.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_MeshWideStrict_NoWarning()
    {
        await using var scenario = await MirrorScenario.StartAsync(strict: false);
        scenario.Store.Seed(TestObjects.StrictPeerAuthentication(ns: "istio-system", selector: false));

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Assert.Empty(result.Plan.Warnings);
        Assert.Contains(scenario.Server.Requests, r => r is { Resource: "peerauthentications", Namespace: "istio-system" });
    }

    [Fact]
    public async Task Add_SinkServiceWithoutTheChosenPort_Warns()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.SinkService(8080, 9090), TestObjects.Service("ratings", portName: "grpc-api", port: 9090));

        var result = await scenario.Manager().AddAsync(new ServiceHost("ratings", "default"), 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Contains(result.Plan.Warnings, w => w.Contains("has no port 8081", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Add_ForbiddenToListAllNamespaces_FallsBackToTheServicesNamespace()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        scenario.Server.Deny = r => r is { Resource: "virtualservices", Verb: "list", Namespace: null } ? 403 : null;

        var result = await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Contains(result.Notes, n => n.Contains("only default was read", StringComparison.Ordinal));
        Assert.Equal(SinkHost, KubeJson.Text(scenario.VirtualService("reviews")["spec"]!["http"]![0], "mirror", "host"));
    }

    [Fact]
    public async Task Add_DryRun_WritesNothing()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        var manager = new MirrorManager(new Cluster.KubernetesMirrorCluster(scenario.Server.CreateClient()), MirrorScenario.Sink) { DryRun = true };

        var result = await manager.AddAsync(MirrorScenario.Reviews, 10, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Single(result.Plan.Changes);
        Assert.All(scenario.Server.Requests, r => Assert.True(r.Verb is "get" or "list", r.ToString()));
    }
}
