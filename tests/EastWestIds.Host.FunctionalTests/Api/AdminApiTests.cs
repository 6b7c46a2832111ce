using System.Net;
using System.Text;
using System.Text.Json;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// The admin API over HTTP against the real host: an attack mirrored to the sink is stored, then listed, filtered,
/// paged, fetched with its evidence, triaged (audited), suppressed (later matches counted, not alerted) and exported.
/// </summary>
public sealed class AdminApiTests
{
    private const string Caller = MirrorRequests.Caller;

    [Fact]
    public async Task MirroredAttack_IsListedFilteredPagedFetchedTriagedSuppressedAndExported()
    {
        await using var sink = await StoreSink.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await sink.MirrorAsync(StoreSink.Attack($"req-{i}"));
        }

        await sink.MirrorAsync(MirrorRequests.DesignExample());

        // List and filter.
        var list = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 3);
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            Assert.Equal(Caller, item.GetProperty("caller").GetString());
            Assert.Equal("reviews", item.GetProperty("callee").GetString());
            Assert.Equal("high", item.GetProperty("severity").GetString());
            Assert.Equal("new", item.GetProperty("state").GetString());
        }

        Assert.Equal(0, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&severity=low,info")).GetProperty("items").GetArrayLength());
        Assert.Equal(3, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&severity=high&family=attack&state=new&caller={Uri.EscapeDataString(Caller)}&callee=reviews")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&callee=ratings")).GetProperty("items").GetArrayLength());
        // A mirror only observes: its alerts' outcome is none, and an outcome filter finds them by it.
        Assert.Equal(3, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&outcome=none")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&outcome=blocked,would-block")).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"))}")).GetProperty("items").GetArrayLength());

        // Cursor pages: 2 + 1, no overlap, newest first.
        var first = await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&limit=2");
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&limit=2&cursor={Uri.EscapeDataString(next)}");
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var ids = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids.OrderByDescending(i => i), ids);

        // Bad arguments are 400 problems naming the parameter.
        await AssertProblemAsync(sink.Client, "api/alerts?severity=hihg", HttpStatusCode.BadRequest, "severity");
        await AssertProblemAsync(sink.Client, "api/alerts?limit=0", HttpStatusCode.BadRequest, "limit");
        await AssertProblemAsync(sink.Client, "api/alerts?cursor=not-a-cursor", HttpStatusCode.BadRequest, null);
        await AssertProblemAsync(sink.Client, "api/alerts?from=yesterday", HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(sink.Client, "api/alerts?outcome=block", HttpStatusCode.BadRequest,
            "'outcome' value 'block' is not one of: none, allowed, blocked, would-block, failed-open, failed-closed");
        await AssertProblemAsync(sink.Client, "api/export/alerts.csv?outcome=none,maybe", HttpStatusCode.BadRequest, "outcome");
        await AssertProblemAsync(sink.Client, "api/alerts/999999999", HttpStatusCode.NotFound, "999999999");
        await AssertProblemAsync(sink.Client, "api/nothing-here", HttpStatusCode.NotFound, null);
        await AssertProblemAsync(sink.Client, "api/alerts/not-a-number", HttpStatusCode.NotFound, null);
        await AssertProblemAsync(sink.Client, "api/alerts", HttpStatusCode.MethodNotAllowed, null, HttpMethod.Delete);

        // One alert with its evidence: the marked span is the marker.
        var id = ids[^1];
        var alert = await sink.GetJsonAsync($"api/alerts/{id}");
        var evidence = alert.GetProperty("evidence");
        Assert.Equal("http.uri", evidence.GetProperty("buffer").GetString());
        var excerpt = evidence.GetProperty("excerpt").GetString()!;
        Assert.Equal(StoreSink.Marker, excerpt.Substring(evidence.GetProperty("offset").GetInt32(), evidence.GetProperty("length").GetInt32()));
        Assert.StartsWith("GET /reviews/0?q=" + StoreSink.Marker, alert.GetProperty("request").GetProperty("requestLine").GetString());
        Assert.Contains(alert.GetProperty("request").GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "x-request-id");
        Assert.Equal(Caller, alert.GetProperty("caller").GetProperty("principal").GetString());
        Assert.Equal("default", alert.GetProperty("caller").GetProperty("namespace").GetString());
        Assert.Equal(StoreSink.Sid, JsonDocument.Parse(alert.GetProperty("eve").GetString()!).RootElement.GetProperty("alert").GetProperty("signature_id").GetInt32());

        // Triage, audited with the actor the client names.
        using (var bad = await SendJsonAsync(sink.Client, HttpMethod.Put, $"api/alerts/{id}/triage", "{\"state\":\"maybe\"}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var notJson = await SendJsonAsync(sink.Client, HttpMethod.Put, $"api/alerts/{id}/triage", "{state:"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        using (var triaged = await SendJsonAsync(sink.Client, HttpMethod.Put, $"api/alerts/{id}/triage", "{\"state\":\"false-positive\",\"comment\":\"load test\"}", actor: "alice"))
        {
            Assert.Equal(HttpStatusCode.OK, triaged.StatusCode);
            var triage = JsonDocument.Parse(await triaged.Content.ReadAsStringAsync()).RootElement.GetProperty("triage");
            Assert.Equal("false-positive", triage.GetProperty("state").GetString());
            Assert.Equal("alice", triage.GetProperty("actor").GetString());
        }

        Assert.Equal(1, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&state=false-positive")).GetProperty("items").GetArrayLength());
        var audit = Assert.Single((await sink.GetJsonAsync($"api/alerts/{id}/audit")).EnumerateArray());
        Assert.Equal("alice", audit.GetProperty("actor").GetString());
        Assert.Equal("new", audit.GetProperty("fromState").GetString());
        Assert.Equal("false-positive", audit.GetProperty("toState").GetString());

        // Suppress: later matches on that edge are counted, not alerted.
        long suppressionId;
        using (var suppressed = await SendJsonAsync(sink.Client, HttpMethod.Post, $"api/alerts/{id}/suppress", "{\"comment\":\"scanner\"}"))
        {
            Assert.Equal(HttpStatusCode.Created, suppressed.StatusCode);
            var suppression = JsonDocument.Parse(await suppressed.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(StoreSink.Sid, suppression.GetProperty("sid").GetInt32());
            Assert.Equal(Caller, suppression.GetProperty("caller").GetString());
            Assert.Equal("reviews.default", suppression.GetProperty("callee").GetString()); // the Service, not the spelling
            suppressionId = suppression.GetProperty("id").GetInt64();
        }

        Assert.Single((await sink.GetJsonAsync("api/suppressions")).EnumerateArray());
        await sink.MirrorAsync(StoreSink.Attack("after-suppression"));
        await WaitForMetricAsync(sink, "eastwestids_alerts_suppressed_total", 1);
        await sink.MirrorAsync(MirrorRequests.DesignExample("after-suppression-benign"));
        await sink.WaitForAsync("api/edges", j => j.EnumerateArray().Any(e => e.GetProperty("callee").GetString() == "reviews.default" && e.GetProperty("calls").GetProperty("total").GetInt64() >= 6));
        Assert.Equal(3, (await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}")).GetProperty("items").GetArrayLength());

        // Exports with the same filters, streamed.
        var eve = await sink.Client.GetStringAsync($"api/export/alerts.jsonl?sid={StoreSink.Sid}");
        var lines = eve.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Equal("alert", JsonDocument.Parse(l).RootElement.GetProperty("event_type").GetString()));
        var csv = await sink.Client.GetStringAsync($"api/export/alerts.csv?sid={StoreSink.Sid}&state=false-positive");
        Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await AssertProblemAsync(sink.Client, "api/export/alerts.csv?verdict=maybe", HttpStatusCode.BadRequest, "verdict");

        // The edge graph.
        var edge = Assert.Single((await sink.GetJsonAsync("api/edges")).EnumerateArray(), e => e.GetProperty("caller").GetString() == Caller);
        Assert.Equal("reviews.default", edge.GetProperty("callee").GetString());
        Assert.True(edge.GetProperty("alerts").GetInt64() >= 3);

        // Delete the suppression: audited, and a second delete is a 404.
        using (var deleted = await sink.Client.DeleteAsync($"api/suppressions/{suppressionId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await AssertProblemAsync(sink.Client, $"api/suppressions/{suppressionId}", HttpStatusCode.NotFound, null, HttpMethod.Delete);
        Assert.Empty((await sink.GetJsonAsync("api/suppressions")).EnumerateArray());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryApiRoute()
    {
        await using var sink = await StoreSink.StartAsync();
        var document = await sink.GetJsonAsync("api/openapi.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in new[]
        {
            ("/api/alerts", "get"), ("/api/alerts/{id}", "get"), ("/api/alerts/{id}/triage", "put"), ("/api/alerts/{id}/audit", "get"),
            ("/api/alerts/{id}/suppress", "post"), ("/api/suppressions", "get"), ("/api/suppressions/{id}", "delete"), ("/api/edges", "get"),
            ("/api/export/alerts.jsonl", "get"), ("/api/export/alerts.csv", "get"), ("/api/alerts/stream", "get"),
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing");
        }

        // The schemas are camelCase, as the API writes them.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("AlertListDto").GetProperty("properties").TryGetProperty("items", out _));
    }

    [Fact]
    public async Task StreamFeed_AnnouncesNewAlertIds()
    {
        await using var sink = await StoreSink.StartAsync();
        using var stream = await sink.Client.GetStreamAsync("api/alerts/stream");
        using var reader = new StreamReader(stream);
        Assert.Equal("retry: 2000", await reader.ReadLineAsync());
        await Task.Delay(1500); // the stream has taken its first look
        await sink.MirrorAsync(StoreSink.Attack("live"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        var id = JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("id").GetInt64();
        Assert.True((await sink.GetJsonAsync($"api/alerts/{id}")).GetProperty("id").GetInt64() == id);
    }

    internal static async Task AssertProblemAsync(HttpClient client, string path, HttpStatusCode status, string? mentions, HttpMethod? method = null)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method ?? HttpMethod.Get, path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (mentions is not null)
        {
            Assert.Contains(mentions, problem.GetProperty("detail").GetString());
        }
    }

    private static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string path, string json, string? actor = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (actor is not null)
        {
            request.Headers.Add("X-Ewids-Actor", actor);
        }

        return client.SendAsync(request);
    }

    private static async Task WaitForMetricAsync(StoreSink sink, string sample, double atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (await sink.Server.MetricAsync(sample) < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{sample} stayed below {atLeast}");
            await Task.Delay(50);
        }
    }
}
