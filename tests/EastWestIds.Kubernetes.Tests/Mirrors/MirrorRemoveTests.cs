using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.Kubernetes.Objects;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.Mirrors;

/// <summary><c>ewids mirror remove</c>: exactly what add did comes out, nothing else.</summary>
public sealed class MirrorRemoveTests
{
    /// <summary>What an admin wrote: everything but the server's bookkeeping.</summary>
    private static JsonObject Written(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        foreach (var field in new[] { "resourceVersion", "generation", "uid", "creationTimestamp" })
        {
            copy["metadata"]!.AsObject().Remove(field);
        }

        return copy;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Remove_AfterAdd_RestoresTheOriginalExactly(bool withOwnMirror)
    {
        await using var scenario = await MirrorScenario.StartAsync("1.22.3");
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(withOwnMirror));
        var original = Written(scenario.VirtualService("reviews"));
        Expect.Outcome(MirrorOutcome.Changed, await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default));
        Assert.False(JsonNode.DeepEquals(original, Written(scenario.VirtualService("reviews"))));

        var result = await scenario.Manager().RemoveAsync(MirrorScenario.Reviews, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        var restored = Written(scenario.VirtualService("reviews"));
        Assert.True(JsonNode.DeepEquals(original, restored), $"{original.ToJsonString()}\n{restored.ToJsonString()}");
        // property order too: the route's own mirror is back where it was
        Assert.Equal(original["spec"]!["http"]![0]!.AsObject().Select(p => p.Key), restored["spec"]!["http"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Remove_KeepsEditsMadeSinceAdd()
    {
        await using var scenario = await MirrorScenario.StartAsync("1.22.3");
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(withOwnMirror: true));
        await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);
        // Since then: a route was inserted at the top, and a third mirror joined the list.
        scenario.Store.Edit(ApiResource.VirtualServices, "default", "reviews", vs =>
        {
            var http = vs["spec"]!["http"]!.AsArray();
            http[0]!["mirrors"]!.AsArray().Add(new JsonObject { ["destination"] = new JsonObject { ["host"] = "audit.sec" } });
            http.Insert(0, new JsonObject { ["name"] = "canary", ["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = "reviews", ["subset"] = "v4" } }) });
        });

        var result = await scenario.Manager().RemoveAsync(MirrorScenario.Reviews, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        var http = scenario.VirtualService("reviews")["spec"]!["http"]!.AsArray();
        Assert.Equal("canary", KubeJson.Text(http[0], "name"));
        Assert.Equal(["reviews-shadow.qa.svc.cluster.local", "audit.sec"], KubeJson.Items(http[1], "mirrors").Select(m => KubeJson.Text(m, "destination", "host")));
        Assert.Null(KubeJson.At(http[2], "mirror")); // found by index 1 although it is now http[2]
        Assert.Null(KubeJson.Text(scenario.VirtualService("reviews"), "metadata", "annotations", MirrorAnnotation.Key));
    }

    [Fact]
    public async Task Remove_OfACreatedVirtualServiceUnchanged_DeletesIt()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);

        var result = await scenario.Manager().RemoveAsync(MirrorScenario.Reviews, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Null(scenario.Store.Get(ApiResource.VirtualServices, "default", "reviews-ewids-mirror"));
        Assert.Contains(scenario.Server.Requests, r => r is { Verb: "delete", Resource: "virtualservices", Status: 200 });
    }

    [Fact]
    public async Task Remove_OfACreatedVirtualServiceChangedSince_KeepsItWithoutTheMirror()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);
        scenario.Store.Edit(ApiResource.VirtualServices, "default", "reviews-ewids-mirror", vs => vs["spec"]!["http"]![0]!["timeout"] = "5s");

        var result = await scenario.Manager().RemoveAsync(MirrorScenario.Reviews, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        Assert.Contains(result.Plan.Notes, n => n.Contains("changed since: kept", StringComparison.Ordinal));
        var route = scenario.VirtualService("reviews-ewids-mirror")["spec"]!["http"]![0]!.AsObject();
        Assert.Equal("5s", KubeJson.Text(route, "timeout"));
        Assert.False(route.ContainsKey("mirror"));
        Assert.False(route.ContainsKey("mirrorPercentage"));
    }

    [Fact]
    public async Task Remove_OfAMirrorAddDidNotMake_IsANoOpWithAMessage()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        var handMade = TestObjects.ReviewsVirtualService();
        handMade["spec"]!["http"]![0]!["mirror"] = new JsonObject { ["host"] = "ewids.ewids-system.svc.cluster.local", ["port"] = new JsonObject { ["number"] = 8080 } };
        scenario.Store.Seed(handMade);
        var before = scenario.VirtualService("reviews");

        var result = await scenario.Manager().RemoveAsync(MirrorScenario.Reviews, default);

        Expect.Outcome(MirrorOutcome.NothingToDo, result);
        Assert.Contains(result.Plan.Notes, n => n.Contains("default/reviews were not added by ewids", StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(before, scenario.VirtualService("reviews")));
        Assert.DoesNotContain(scenario.Server.Requests, r => r.Verb is "update" or "delete");
    }

    [Fact]
    public async Task Remove_ConcurrentEdit_RereadsAndKeepsIt()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        await scenario.Manager().AddAsync(MirrorScenario.Reviews, 10, default);
        scenario.Store.EditBeforeNextWrite(ApiResource.VirtualServices, "default", "reviews", vs => vs["spec"]!["http"]![0]!["timeout"] = "1s");

        var result = await scenario.Manager().RemoveAsync(MirrorScenario.Reviews, default);

        Expect.Outcome(MirrorOutcome.Changed, result);
        var route = scenario.VirtualService("reviews")["spec"]!["http"]![0]!.AsObject();
        Assert.Equal("1s", KubeJson.Text(route, "timeout"));
        Assert.False(route.ContainsKey("mirror"));
    }
}
