using System.Text.Json;
using EastWestIds.Host.Authorization;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// AuthorizationPolicy verdicts end to end with <c>--objects</c>: the bookinfo scenario of the policy tests, where only
/// reviews may call ratings, and productpage calling ratings is an attempted unauthorized call.
/// </summary>
public sealed class PolicyVerdictTests : IDisposable
{
    private const string ProductpageXfcc = MirrorRequests.BookinfoProductpageXfcc;

    private static readonly string Bookinfo = RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml");

    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string RatingsFromProductpage(string id) => JsonSerializer.Serialize(new
    {
        id,
        method = "GET",
        uri = "/ratings/0",
        http_version = "HTTP/1.1",
        headers = new[] { new[] { "host", "ratings.bookinfo-shadow:9080" }, new[] { "x-forwarded-client-cert", ProductpageXfcc } },
        body = string.Empty,
    });

    [Fact]
    public async Task Scan_WithObjects_DeniedCallIsAnAlertNamingThePolicy()
    {
        var requests = WriteFile("requests.jsonl", RatingsFromProductpage("a") + "\n");

        var (code, stdout, stderr) = await EwidsProcess.RunAsync(["scan", "--objects", Bookinfo, requests]);

        Assert.True(code == 1, stderr);
        var alert = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Single(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32() == 9300010);
        var mesh = alert.GetProperty("mesh");
        Assert.Equal("denied", mesh.GetProperty("policy").GetProperty("verdict").GetString());
        Assert.Equal("bookinfo/ratings-viewer", mesh.GetProperty("policy").GetProperty("policy").GetString());
        Assert.Contains("no ALLOW policy matched (bookinfo/ratings-viewer", mesh.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task Scan_WithoutObjects_NoPolicyStage()
    {
        var requests = WriteFile("requests.jsonl", RatingsFromProductpage("a") + "\n");

        var (code, stdout, stderr) = await EwidsProcess.RunAsync(["scan", requests]);

        Assert.True(code == 0, stderr + stdout);
        Assert.DoesNotContain("9300010", stdout);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("serve")]
    public async Task MalformedObjects_ExitTwo_NamingFileAndDocument(string command)
    {
        var objects = WriteFile("broken.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Service\nmetadata: {namespace: x}\n");
        var requests = WriteFile("requests.jsonl", RatingsFromProductpage("a") + "\n");
        string[] args = command == "scan"
            ? ["scan", "--objects", objects, requests]
            : ["serve", "--objects", objects, "--mirror-port", "0", "--admin-port", "0"];

        var (code, _, stderr) = await EwidsProcess.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains($"{objects}: document 1", stderr);
    }

    [Fact]
    public async Task Serve_WithObjects_JudgesAMirroredRequest()
    {
        var policies = PolicyObjectsLoader.Load([Bookinfo], "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        await using var sink = await SinkServer.StartAsync(o => o with { Inspection = o.Inspection with { Policies = policies } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync($"GET /ratings/0 HTTP/1.1\r\nHost: ratings.bookinfo-shadow:9080\r\nx-forwarded-client-cert: {ProductpageXfcc}\r\n\r\n");
        var responses = await client.ReadResponsesAsync(1);

        Assert.StartsWith("HTTP/1.1 200 OK", responses[0], StringComparison.Ordinal);
        var alert = (await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(9300010).Count == 1, what: "the denied alert")).First(r => r.GetProperty("event_type").GetString() == "alert");
        Assert.Equal("bookinfo/ratings-viewer", alert.GetProperty("mesh").GetProperty("policy").GetProperty("policy").GetString());
        Assert.True(await sink.MetricAsync(
            "eastwestids_policy_verdicts_total{source_workload_namespace=\"bookinfo\",source_principal=\"spiffe://cluster.local/ns/bookinfo/sa/productpage\",destination_service=\"ratings\",destination_service_namespace=\"bookinfo\",verdict=\"denied\"}") == 1);

        // The policy family, where dashboards and the API's family filter look for it (filed under access until rev 2).
        Assert.Equal("[\"policy\"]", alert.GetProperty("alert").GetProperty("metadata").GetProperty("ewids_family").GetRawText());
        Assert.Equal(2, alert.GetProperty("alert").GetProperty("rev").GetInt32());
        Assert.Equal(1, await sink.MetricAsync("eastwestids_alerts_total{category=\"policy\",severity=\"high\"}"));
        Assert.Equal(0, await sink.MetricAsync("eastwestids_alerts_total{category=\"access\",severity=\"high\"}"));
    }

    /// <summary>
    /// deny-debug denies /debug* mesh-wide. The sidecar matches it against the path as sent and allows each of these;
    /// a server behind it may read them as /debug/…: Tomcat, Jetty and Spring drop path parameters (9300012), Tomcat and
    /// nginx merge slashes and WSGI servers decode %2F, which Istio's default normalization keeps (9300013,
    /// CVE-2021-31920), Express and ASP.NET Core route ignoring case (9300014, medium).
    /// </summary>
    [Theory]
    [InlineData("/details/..;/debug/pprof?debug=1", 9300012, 1, "path /details/..;/debug/pprof is /debug/pprof to servers that drop path parameters (Tomcat, Jetty, Spring), and that path is denied: istio-system/deny-debug rule 0; destination bookinfo/details workload bookinfo/Deployment/details-v1")]
    [InlineData("//debug/vars", 9300013, 1, "path //debug/vars is /debug/vars to servers that merge slashes (Tomcat, nginx) or decode %2F and %5C (WSGI servers such as gunicorn), and that path is denied: istio-system/deny-debug rule 0")]
    [InlineData("/details/..%2Fdebug/pprof", 9300013, 1, "path /details/..%2Fdebug/pprof is /debug/pprof to servers that merge slashes")]
    [InlineData("/Debug/pprof", 9300014, 2, "path /Debug/pprof with its letter case ignored, as Express (by default), ASP.NET Core and IIS route it, is denied: istio-system/deny-debug rule 0")]
    public async Task Serve_WithObjects_APathServersReadAsADeniedOne_RaisesItsOwnAlert(string target, int sid, int severity, string evidence)
    {
        var policies = PolicyObjectsLoader.Load([Bookinfo], "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        await using var sink = await SinkServer.StartAsync(o => o with { Inspection = o.Inspection with { Policies = policies } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync($"GET {target} HTTP/1.1\r\nHost: details.bookinfo-shadow:9080\r\nx-forwarded-client-cert: {ProductpageXfcc}\r\n\r\n");
        var responses = await client.ReadResponsesAsync(1);

        Assert.StartsWith("HTTP/1.1 200 OK", responses[0], StringComparison.Ordinal);
        var alert = (await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(sid).Count == 1, what: "the hidden path's alert")).First(r => r.GetProperty("event_type").GetString() == "alert");
        Assert.Equal(severity, alert.GetProperty("alert").GetProperty("severity").GetInt32());
        Assert.StartsWith(evidence, alert.GetProperty("mesh").GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal("allowed", alert.GetProperty("mesh").GetProperty("policy").GetProperty("verdict").GetString());
        Assert.Single(sink.Alerts.Lines, line => line.Contains("\"event_type\":\"alert\"", StringComparison.Ordinal)); // one reading, one alert
    }
}
