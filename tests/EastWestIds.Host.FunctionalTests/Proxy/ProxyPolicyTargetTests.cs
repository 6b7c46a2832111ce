using System.Net;
using EastWestIds.Host.Authorization;
using EastWestIds.Host.Proxy;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// The AuthorizationPolicy verdict of <c>ewids proxy --mode enforce</c> judges the service the request is addressed to
/// and the path it asks for. A URL in the query (<c>?next=http://reviews…/</c>, every redirect and SSRF parameter) is
/// data, not the request's target: once it was read as an absolute-form target, so the caller chose which service and
/// path the policy judged (bookinfo: productpage may call reviews, not ratings; nobody may call <c>/debug*</c>).
/// </summary>
public sealed class ProxyPolicyTargetTests
{
    private const string ProductpageXfcc = MirrorRequests.BookinfoProductpageXfcc;

    [Theory]
    [InlineData("/ratings/0")]
    [InlineData("/ratings/0?next=http://reviews.bookinfo.svc.cluster.local:9080/reviews/0")]
    [InlineData("/ratings/0?u=https://reviews:9080/")]
    public async Task Enforce_CallToRatingsFromProductpage_IsDenied_WhateverUrlTheQueryHolds(string target)
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Request(target, "ratings.bookinfo.svc.cluster.local:9080"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Received);
        var denied = Assert.Single(proxy.Alerts.Alerts(9300010));
        Assert.Equal("bookinfo/ratings-viewer", denied.GetProperty("mesh").GetProperty("policy").GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Enforce_DebugPathDeniedMeshWide_StaysDenied_WithAnAllowedUrlInTheQuery()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Request("/debug/pprof?return=http://details.bookinfo:9080/details/0", "details.bookinfo.svc.cluster.local:9080"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Received);
    }

    /// <summary>
    /// The sidecar's policy matches the path as sent; servers behind it may read it as /debug/…: Tomcat, Jetty and Spring
    /// drop path parameters (9300012), a server that decodes %2F, which Istio's default normalization keeps, resolves
    /// ..%2F (9300013). Both are high: enforce blocks them before the upstream hears of them.
    /// </summary>
    [Theory]
    [InlineData("/;v=2/debug/vars", 9300012)]
    [InlineData("/details/..;/debug/pprof", 9300012)]
    [InlineData("/details/..%2Fdebug/pprof", 9300013)]
    public async Task Enforce_PathsHidingADeniedPath_AreBlocked(string target, int sid)
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Request(target, "details.bookinfo.svc.cluster.local:9080"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Received);
        var hidden = Assert.Single(proxy.Alerts.Alerts(sid));
        Assert.Equal("blocked", hidden.GetProperty("alert").GetProperty("action").GetString());
        Assert.Empty(proxy.Alerts.Alerts(9300010));
    }

    [Fact]
    public async Task Enforce_AllowedCall_WithAUrlInTheQuery_IsForwarded()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Request("/details/0?next=http://ratings.bookinfo:9080/ratings/0", "details.bookinfo.svc.cluster.local:9080"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join("\n", proxy.Alerts.Lines));
        Assert.Empty(proxy.Alerts.Alerts(9300010));
        Assert.Empty(proxy.Alerts.Alerts(9300002));
    }

    private static Task<ProxyServer> StartAsync(RecordingUpstream upstream)
    {
        var policies = PolicyObjectsLoader.Load(
            [RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml")],
            "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        return ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce, Inspection = o.Inspection with { Policies = policies } });
    }

    private static HttpRequestMessage Request(string target, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Host = host;
        request.Headers.Add("x-forwarded-client-cert", ProductpageXfcc);
        return request;
    }
}
