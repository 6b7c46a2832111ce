using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Tests.Mirrors;

/// <summary>Planning alone, on objects in memory: the cases the API-server tests do not need a server for.</summary>
public sealed class MirrorPlannerTests
{
    private static MirrorClusterState State(IstioVersion? istio, params JsonObject[] virtualServices) => new()
    {
        TargetService = TestObjects.Service("reviews"),
        SinkService = TestObjects.SinkService(),
        PeerAuthentications = [TestObjects.StrictPeerAuthentication()],
        VirtualServices = virtualServices,
        Istio = istio,
    };

    [Fact]
    public void GatewayOnlyVirtualService_IsLeftAlone_AndAMeshOneIsCreated()
    {
        var gateway = TestObjects.One("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews-ingress, namespace: default}
            spec:
              hosts: [reviews]
              gateways: [istio-system/public]
              http:
              - route: [{destination: {host: reviews}}]
            """);

        var plan = MirrorAddPlanner.Plan(MirrorScenario.Reviews, 10, MirrorScenario.Sink, State(null, gateway));

        Assert.Null(plan.Refusal);
        var change = Assert.Single(plan.Changes);
        Assert.Equal((ChangeKind.Create, "reviews-ewids-mirror"), (change.Kind, change.Name));
        Assert.Contains(plan.Notes, n => n.Contains("bound to gateways only", StringComparison.Ordinal));
    }

    [Fact]
    public void DeprecatedIntegerMirrorPercent_BecomesThePercentageOfItsEntry_AndComesBackOnRemove()
    {
        var vs = TestObjects.One("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: default, resourceVersion: "7"}
            spec:
              hosts: [reviews]
              http:
              - route: [{destination: {host: reviews}}]
                mirror: {host: shadow}
                mirrorPercent: 30
            """);

        var add = MirrorAddPlanner.Plan(MirrorScenario.Reviews, 10, MirrorScenario.Sink, State(new IstioVersion(1, 20), vs));
        var edited = Assert.Single(add.Changes).Object;
        var route = edited["spec"]!["http"]![0]!.AsObject();
        Assert.Equal(["route", "mirrors"], route.Select(p => p.Key));
        Assert.Equal(30, KubeJson.Number(route["mirrors"]![0], "percentage", "value"));

        var remove = MirrorRemovePlanner.Plan(MirrorScenario.Reviews, "cluster.local", [edited]);
        var restored = Assert.Single(remove.Changes).Object;
        Assert.True(JsonNode.DeepEquals(vs["spec"], restored["spec"]), restored.ToJsonString());
        Assert.Null(KubeJson.At(restored, "metadata", "annotations"));
        Assert.Equal("7", KubeJson.ResourceVersion(restored)); // written back at the version it was read
    }

    [Fact]
    public void ExplicitSinkPort_IsUsedForEveryRoute()
    {
        var plan = MirrorAddPlanner.Plan(MirrorScenario.Reviews, 10, MirrorScenario.Sink with { SinkPort = 8081 }, State(null, TestObjects.ReviewsVirtualService()));

        var routes = KubeJson.Items(Assert.Single(plan.Changes).Object, "spec", "http").Take(2);
        Assert.All(routes, r => Assert.Equal(8081, KubeJson.Number(r, "mirror", "port", "number")));
    }

    [Fact]
    public void UnreadableAnnotation_Refuses()
    {
        var vs = TestObjects.ReviewsVirtualService();
        vs["metadata"]!["annotations"]![MirrorAnnotation.Key] = "{not json";

        var plan = MirrorAddPlanner.Plan(MirrorScenario.Reviews, 10, MirrorScenario.Sink, State(null, vs));

        Assert.Contains("is not readable", plan.Refusal);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void Listing_ShowsEveryMirror_AndWhichEwidsAdded()
    {
        var vs = TestObjects.ReviewsVirtualService(withOwnMirror: true);
        var added = Assert.Single(MirrorAddPlanner.Plan(MirrorScenario.Reviews, 10, MirrorScenario.Sink, State(new IstioVersion(1, 22), vs)).Changes).Object;

        var entries = MirrorListing.Entries([added], "cluster.local");

        Assert.Equal(
            [("http[0] \"jason\"", "reviews-shadow.qa.svc.cluster.local", 5.5, false), ("http[0] \"jason\"", "ewids.ewids-system.svc.cluster.local", 10.0, true), ("http[1]", "ewids.ewids-system.svc.cluster.local", 10.0, true)],
            entries.Select(e => (e.Route, e.TargetHost, e.Percent, e.AddedByEwids)));
        Assert.Equal("yes", MirrorListing.PortStatus(entries[1], TestObjects.SinkService()));
        Assert.Equal("NO", MirrorListing.PortStatus(entries[1], TestObjects.SinkService(9090)));
        Assert.Equal("no such Service", MirrorListing.PortStatus(entries[0], null));
    }

    [Fact]
    public void ServiceAlreadyInALoopOfMirrors_Warns()
    {
        var ring = TestObjects.Yaml("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: default}
            spec:
              hosts: [reviews]
              http:
              - route: [{destination: {host: reviews}}]
                mirror: {host: ratings}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ratings, namespace: default}
            spec:
              hosts: [ratings.default.svc.cluster.local]
              http:
              - route: [{destination: {host: ratings}}]
                mirror: {host: reviews.default}
            """);

        var plan = MirrorAddPlanner.Plan(MirrorScenario.Reviews, 10, MirrorScenario.Sink, State(new IstioVersion(1, 22), ring));

        Assert.Null(plan.Refusal);
        Assert.Contains(plan.Warnings, w => w.Contains("already in a loop of mirrors: default/reviews → default/ratings → default/reviews", StringComparison.Ordinal));
    }
}
