using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary><c>ewids scan</c> as an operator or a CI job runs it: the real executable, real files.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-scan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string CleanJsonLine(string id, string path = "/reviews/0") => JsonSerializer.Serialize(new
    {
        id,
        method = "GET",
        uri = path,
        http_version = "HTTP/1.1",
        headers = new[] { new[] { "host", "reviews-shadow:9080" }, new[] { "x-forwarded-client-cert", MirrorRequests.Xfcc } },
        body = string.Empty,
    });

    private static string NoXfccJsonLine(string id) =>
        $$"""{"id": "{{id}}", "method": "GET", "uri": "/x", "http_version": "HTTP/1.1", "headers": [["Host", "reviews:9080"]], "body": ""}""";

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => Infrastructure.EwidsProcess.RunAsync(args);

    private static List<JsonElement> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static IEnumerable<int> Sids(IEnumerable<JsonElement> eve) =>
        eve.Where(r => r.GetProperty("event_type").GetString() == "alert").Select(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32());

    [Fact]
    public async Task Scan_CleanRequests_ExitsZero_WritesNothing()
    {
        var file = WriteFile("clean.jsonl", CleanJsonLine("a") + "\n" + CleanJsonLine("b") + "\n");

        var (code, stdout, stderr) = await RunAsync("scan", file);

        Assert.True(code == 0, stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("2 records, 2 requests analysed, 0 alerts, 0 input errors", stderr);
    }

    [Fact]
    public async Task Scan_RequestWithoutXfcc_ExitsOne_WritesTheEveAlert()
    {
        var file = WriteFile("one.jsonl", CleanJsonLine("a") + "\n" + NoXfccJsonLine("b") + "\n");

        var (code, stdout, _) = await RunAsync("scan", file);

        Assert.Equal(1, code);
        var alert = Assert.Single(Lines(stdout));
        Assert.Equal("alert", alert.GetProperty("event_type").GetString());
        Assert.Equal(9200001, alert.GetProperty("alert").GetProperty("signature_id").GetInt32());
    }

    [Fact]
    public async Task Scan_EveHttp_AlsoWritesHttpRecords()
    {
        var file = WriteFile("clean.jsonl", CleanJsonLine("a") + "\n");

        var (code, stdout, _) = await RunAsync("scan", "--eve-http", file);

        Assert.Equal(0, code);
        Assert.Equal("http", Assert.Single(Lines(stdout)).GetProperty("event_type").GetString());
    }

    [Fact]
    public async Task Scan_EachRecordIsAFlow_ItsAlertsAndHttpRecordShareItsNumber()
    {
        var first = WriteFile("first.jsonl", NoXfccJsonLine("a") + "\n" + CleanJsonLine("b") + "\n");
        var second = WriteFile("second.jsonl", NoXfccJsonLine("c") + "\n");

        var (code, stdout, _) = await RunAsync("scan", "--eve-http", first, second);

        Assert.Equal(1, code);
        var events = Lines(stdout).Select(e => (Type: e.GetProperty("event_type").GetString(), Flow: e.GetProperty("flow_id").GetInt64())).ToList();
        Assert.Equal([("alert", 1L), ("http", 1L), ("http", 2L), ("alert", 3L), ("http", 3L)], events);
    }

    [Fact]
    public async Task Scan_MalformedRecords_ExitTwo_NameFileAndLine_AndTheRestIsScanned()
    {
        var file = WriteFile("bad.jsonl", string.Join('\n', CleanJsonLine("a"), "{not json", """{"uri": "/no-method"}""", NoXfccJsonLine("d")) + "\n");

        var (code, stdout, stderr) = await RunAsync("scan", "--verdicts", file);

        Assert.Equal(2, code);
        Assert.Contains($"{file}: line 2: invalid JSON", stderr);
        Assert.Contains($"{file}: line 3: missing field 'method'", stderr);
        Assert.Contains("2 input errors", stderr);
        Assert.Equal(["a", "d"], Lines(stdout).Select(v => v.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Scan_MissingFile_ExitsTwo_ButScansTheOthers()
    {
        var good = WriteFile("good.jsonl", NoXfccJsonLine("a") + "\n");
        var missing = Path.Combine(_dir, "missing.jsonl");

        var (code, stdout, stderr) = await RunAsync("scan", missing, good);

        Assert.Equal(2, code);
        Assert.Contains($"{missing}: file: cannot read", stderr);
        Assert.Equal([9200001], Sids(Lines(stdout)));
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--bogus")]
    [InlineData("--trust-domain", "Bad Domain")]
    [InlineData("--sink-identity", "spiffe://cluster.local")]
    [InlineData("--progress-interval", "-1")]
    [InlineData("--progress-interval", "soon")]
    [InlineData("--output")]
    [InlineData("--trust-domain")]
    public async Task Scan_BadUsage_ExitsTwo(params string[] args)
    {
        var file = WriteFile("x.jsonl", CleanJsonLine("a") + "\n");

        var (code, stdout, stderr) = await RunAsync(["scan", file, .. args]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("ewids scan:", stderr);
    }

    [Fact]
    public async Task Scan_UnknownOption_IsAUsageError_NotAFileName_AndNothingIsScanned()
    {
        var file = WriteFile("x.jsonl", """{"id":"a","method":"GET","uri":"/","headers":[["Host","reviews"]]}""" + "\n");

        var (code, stdout, stderr) = await RunAsync(["scan", "--bogus", file]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout); // the request has no XFCC: scanned, it would have raised an alert
        Assert.Contains("unknown option '--bogus'", stderr);
        Assert.DoesNotContain("cannot read", stderr);
    }

    [Fact]
    public async Task Scan_NoFile_ExitsTwo()
    {
        var (code, _, stderr) = await RunAsync("scan");

        Assert.Equal(2, code);
        Assert.Contains("no FILE given", stderr);
    }

    [Fact]
    public async Task Scan_Verdicts_OneLinePerRequest_IdOrOrdinal()
    {
        var jsonl = WriteFile("v.jsonl", CleanJsonLine("clean-1") + "\n" + NoXfccJsonLine("bare-2") + "\n");
        var raw = WriteFile("v.http", MirrorRequests.DesignExample() + "GET /x HTTP/1.1\r\nHost: reviews:9080\r\n\r\n");

        var (code, stdout, _) = await RunAsync("scan", "--verdicts", jsonl, raw);

        Assert.Equal(1, code);
        var verdicts = Lines(stdout);
        Assert.Equal(4, verdicts.Count);
        Assert.Equal("clean-1", verdicts[0].GetProperty("id").GetString());
        Assert.Equal(0, verdicts[0].GetProperty("alerts").GetArrayLength());
        Assert.Equal("bare-2", verdicts[1].GetProperty("id").GetString());
        var alert = Assert.Single(verdicts[1].GetProperty("alerts").EnumerateArray());
        Assert.Equal(9200001, alert.GetProperty("sid").GetInt32());
        Assert.Equal("Potential Corporate Privacy Violation", alert.GetProperty("category").GetString());
        Assert.Equal(2, alert.GetProperty("severity").GetInt32());
        Assert.Equal(1, verdicts[2].GetProperty("id").GetInt64());
        Assert.Equal(0, verdicts[2].GetProperty("alerts").GetArrayLength());
        Assert.Equal(2, verdicts[3].GetProperty("id").GetInt64());
        Assert.Equal(9200001, Assert.Single(verdicts[3].GetProperty("alerts").EnumerateArray()).GetProperty("sid").GetInt32());
    }

    [Fact]
    public async Task Scan_Output_WritesTheFileNotStdout()
    {
        var input = WriteFile("o.jsonl", NoXfccJsonLine("a") + "\n");
        var output = Path.Combine(_dir, "out", "..", "alerts.json");
        File.WriteAllText(output, "old content\n");

        var (code, stdout, _) = await RunAsync("scan", "--output", output, input);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal([9200001], Sids(Lines(File.ReadAllText(output))));
    }

    [Fact]
    public async Task Scan_RawStreamWithSmugglingRequest_RaisesTheSmugglingAlert()
    {
        var file = WriteFile("smuggle.bin",
            MirrorRequests.DesignExample()
            + "POST /reviews HTTP/1.1\r\nHost: reviews:9080\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG");

        var (code, stdout, stderr) = await RunAsync("scan", file);

        Assert.Equal(1, code);
        Assert.Contains(9100010, Sids(Lines(stdout)));
        Assert.Contains("cannot be framed", stderr);
    }

    [Fact]
    public async Task Scan_LongInput_ReportsProgressOnStderr_NotStdout()
    {
        var file = WriteFile("many.jsonl", string.Concat(Enumerable.Range(0, 300).Select(i => CleanJsonLine($"r{i}") + "\n")));

        var (code, stdout, stderr) = await RunAsync("scan", "--progress-interval", "0.000001", file);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Matches($@"ewids scan: {System.Text.RegularExpressions.Regex.Escape(file)}: \d+ records, \d+ requests, 0 alerts, 0 input errors so far", stderr);
    }

    [Fact]
    public async Task Scan_ShortInput_PrintsOnlyTheSummary()
    {
        var file = WriteFile("few.jsonl", CleanJsonLine("a") + "\n");

        var (_, _, stderr) = await RunAsync("scan", file);

        Assert.DoesNotContain("so far", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Scan_FormatOption_OverridesTheExtension()
    {
        var file = WriteFile("requests.txt", NoXfccJsonLine("j") + "\n");

        var (code, stdout, _) = await RunAsync("scan", "--format", "jsonl", "--verdicts", file);

        Assert.Equal(1, code);
        Assert.Equal("j", Assert.Single(Lines(stdout)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Scan_HarFile_ReadsItsEntries()
    {
        var entries = new object[]
        {
            new { request = new { method = "GET", url = "http://reviews-shadow:9080/reviews/0", httpVersion = "HTTP/1.1", headers = new[] { new { name = "x-forwarded-client-cert", value = MirrorRequests.Xfcc } } } },
            new { request = new { method = "POST", url = "http://reviews:9080/r", headers = Array.Empty<object>(), postData = new { text = "a=1" } } },
        };
        var har = WriteFile("trace.har", JsonSerializer.Serialize(new { log = new { version = "1.2", entries } }));

        var (code, stdout, _) = await RunAsync("scan", "--verdicts", har);

        Assert.Equal(1, code);
        var verdicts = Lines(stdout);
        Assert.Equal([1L, 2L], verdicts.Select(v => v.GetProperty("id").GetInt64()));
        Assert.Equal(0, verdicts[0].GetProperty("alerts").GetArrayLength());
        Assert.Equal(9200001, Assert.Single(verdicts[1].GetProperty("alerts").EnumerateArray()).GetProperty("sid").GetInt32());
    }

    [Fact]
    public async Task Scan_HarFile_EveTimestampIsWhenTheRequestWasMade()
    {
        var entries = new object[] { new { startedDateTime = "2026-03-01T10:20:30.123Z", request = new { method = "GET", url = "http://reviews:9080/r" } } };
        var har = WriteFile("t.har", JsonSerializer.Serialize(new { log = new { version = "1.2", entries } }));

        var (code, stdout, _) = await RunAsync("scan", har);

        Assert.Equal(1, code);
        Assert.StartsWith("2026-03-01T10:20:30.123", Assert.Single(Lines(stdout)).GetProperty("timestamp").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_CrsCorpus_Verdicts_RunsThroughEveryRecord()
    {
        var corpus = SharedCorpus();

        var (code, stdout, stderr) = await RunAsync("scan", "--verdicts", corpus);

        Assert.True(code == 1, stderr);
        var verdicts = Lines(stdout);
        Assert.Equal(4935, verdicts.Count);
        Assert.Equal(4935, verdicts.Select(v => v.GetProperty("id").GetString()).Distinct().Count());
        Assert.Contains("4935 records", stderr);
        Assert.Contains("0 input errors", stderr);
        Assert.Contains(verdicts, v => v.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("sid").GetInt32() == 9100010));
    }

    private static string SharedCorpus() => RepositoryPaths.SharedFile("corpus", "crs-requests.jsonl");
}
