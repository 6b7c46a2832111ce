using System.Text.Json;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Signatures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>Signatures through the executable (scan, serve, rules test) and the reloader.</summary>
public sealed class SignatureCommandTests : IDisposable
{
    private const string Traversal = "alert http any any -> any any (msg:\"passwd\"; http.uri; content:\"/etc/passwd\"; classtype:web-application-attack; sid:1000001; rev:1;)\n";
    private const string Union = "alert http any any -> any any (msg:\"union\"; http.arg; content:\"union\"; nocase; sid:1000002;)\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-sigs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string JsonLine(string id, string uri) => JsonSerializer.Serialize(new
    {
        id,
        method = "GET",
        uri,
        http_version = "HTTP/1.1",
        headers = new[] { new[] { "host", "reviews:9080" }, new[] { "x-forwarded-client-cert", MirrorRequests.Xfcc } },
        body = string.Empty,
    });

    [Fact]
    public async Task Scan_WithRules_VerdictsCarryTheRuleSidCategoryAndSeverity()
    {
        string rules = Write("rules/web.rules", Traversal);
        string input = Write("in.jsonl", JsonLine("clean", "/reviews/1") + "\n" + JsonLine("attack", "/x/../../etc/passwd") + "\n");

        var (code, stdout, stderr) = await Infrastructure.EwidsProcess.RunAsync(["scan", "--verdicts", "--rules", rules, input]);

        Assert.True(code == 1, stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("{\"id\":\"clean\",\"alerts\":[]}", lines[0]);
        Assert.Equal("{\"id\":\"attack\",\"alerts\":[{\"sid\":1000001,\"category\":\"Web Application Attack\",\"severity\":1}]}", lines[1]);
    }

    [Fact]
    public async Task Scan_ThresholdLimit_AlertsOnlyTheFirstMatchOfTheWindow()
    {
        string rules = Write("rules/limit.rules",
            "alert http any any -> any any (msg:\"passwd, once an hour\"; http.uri; content:\"/etc/passwd\"; threshold:type limit, track by_src, count 1, seconds 3600; classtype:web-application-attack; sid:1000004; rev:1;)\n");
        string input = Write("in.jsonl", string.Join("\n", Enumerable.Range(1, 3).Select(i => JsonLine($"attack-{i}", "/x/../../etc/passwd"))) + "\n");

        var (code, stdout, stderr) = await Infrastructure.EwidsProcess.RunAsync(["scan", "--verdicts", "--rules", rules, input]);

        Assert.True(code == 1, stderr);
        Assert.Equal(
            [
                "{\"id\":\"attack-1\",\"alerts\":[{\"sid\":1000004,\"category\":\"Web Application Attack\",\"severity\":1}]}",
                "{\"id\":\"attack-2\",\"alerts\":[]}",
                "{\"id\":\"attack-3\",\"alerts\":[]}",
            ],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Scan_RulesWithErrors_Exit2NamingFileLineAndSid()
    {
        string rules = Write("bad.rules", Traversal + "alert http any any -> any any (msg:\"x\"; http.uri; content:\"a\"; depth:0; sid:1000003;)\n");
        string input = Write("in.jsonl", JsonLine("a", "/") + "\n");

        var (code, _, stderr) = await Infrastructure.EwidsProcess.RunAsync(["scan", "--rules", rules, input]);

        Assert.Equal(2, code);
        Assert.Contains($"{rules}:2:", stderr, StringComparison.Ordinal);
        Assert.Contains("sid 1000003", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_RulesWithErrors_DoesNotStart()
    {
        string rules = Write("bad.rules", "alert http any any -> any any (msg:\"x\"; http.uri; conten:\"a\"; sid:5;)\n");

        var (code, _, stderr) = await Infrastructure.EwidsProcess.RunAsync(
            ["serve", "--rules", rules, "--mirror-port", "0", "--admin-port", "0"], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains($"{rules}:1:", stderr, StringComparison.Ordinal);
        Assert.Contains("not started", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_CasesPassAndFail_WithExitCodes()
    {
        Write("web.rules", Traversal + Union);
        Write("web.cases.yaml",
            """
            cases:
              - name: traversal
                uri: "/a/..%2f..%2fetc/passwd"
                headers: [["Host", "a"]]
                expect: [1000001]
              - name: union in a form body
                method: POST
                uri: /search
                headers: [["Host", "a"], ["Content-Type", "application/x-www-form-urlencoded"]]
                body: "q=1+UNION+SELECT"
                expect: [1000002]
                expect_none: [1000001]
              - name: raw clean request
                raw: "GET /reviews/1 HTTP/1.1\r\nHost: a\r\n\r\n"
                expect_none: all
            """);

        var (code, stdout, stderr) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", _dir]);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("3 cases: 3 passed, 0 failed", stdout, StringComparison.Ordinal);

        Write("more.cases.yaml",
            """
            cases:
              - name: wrong expectation
                uri: /etc/passwd
                headers: [["Host", "a"]]
                expect_none: [1000001]
            """);
        (code, stdout, _) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", _dir]);
        Assert.Equal(1, code);
        Assert.Contains("more.cases.yaml:2: wrong expectation: sid 1000001 fired but must not", stdout, StringComparison.Ordinal);

        Write("broken.cases.yaml", "cases:\n  - name: x\n    expekt: [1]\n");
        (code, _, var errors) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", _dir]);
        Assert.Equal(2, code);
        Assert.Contains("broken.cases.yaml:3", errors, StringComparison.Ordinal);

        // Input on which YamlDotNet's scanner throws InvalidOperationException (issue 541): a problem, not a crash.
        File.Delete(Path.Combine(_dir, "broken.cases.yaml"));
        Write("scanner.cases.yaml", "cases: [\no");
        (code, _, errors) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", _dir]);
        Assert.Equal(2, code);
        Assert.Contains("scanner.cases.yaml:1:", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_SuricataRuleFile_RunsItsRequestRules_ListsTheSkippedOnes()
    {
        // An imported rule file as Suricata 7 reads it: request buffers beyond the core ones, and rules for other
        // protocols, responses and cross-request state, which are skipped with their reason instead of failing the set.
        Write("et.rules",
            """
            alert http any any -> any any (msg:"api key header"; flow:established,to_server; http.request_header; content:"x-api-key|3a 20|test-"; startswith; sid:3000001; rev:1;)
            alert http any any -> any any (msg:"raw host with port"; flow:established,to_server; http.host.raw; content:"Reviews:9080"; bsize:12; sid:3000002; rev:1;)
            alert http any any -> any any (msg:"old client"; flow:established,to_server; http.protocol; content:"HTTP/1.0"; http.accept_enc; content:"deflate"; sid:3000003; rev:1;)
            alert http any any -> any any (msg:"start"; flow:established,to_server; http.start; content:"HTTP/1.1|0d 0a|Host|3a 20|"; content:"|0d 0a|x-api-key|3a 20|"; nocase; distance:0; content:"|0d 0a 0d 0a|"; endswith; sid:3000004; rev:1;)
            alert tcp any any -> any any (msg:"smb"; content:"|ff|SMB"; sid:3000005; rev:1;)
            alert http any any -> any any (msg:"response"; flow:to_client; http.stat_code; content:"500"; sid:3000006; rev:1;)
            alert http any any -> any any (msg:"after login"; flow:to_server; http.uri; content:"/account"; flowbits:isset,logged_in; sid:3000007; rev:1;)
            """);
        Write("et.cases.yaml",
            """
            cases:
              - name: test key, sent as the second header
                raw: "GET /reviews/1 HTTP/1.1\r\nHost: Reviews:9080\r\nx-api-key: test-123\r\n\r\n"
                expect: [3000001, 3000002, 3000004]
                expect_none: [3000003]
              - name: HTTP/1.0 client asking for deflate
                raw: "GET / HTTP/1.0\r\nHost: reviews\r\nAccept-Encoding: gzip, deflate\r\n\r\n"
                expect: [3000003]
                expect_none: [3000001, 3000002, 3000004]
            """);

        var (code, stdout, stderr) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", _dir]);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("4 rules, 1 cases files, 2 cases: 2 passed, 0 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("et.rules:5: sid 3000005: skipped: protocol 'tcp' is for another sensor", stdout, StringComparison.Ordinal);
        Assert.Contains("3 rules skipped (EastWestIds cannot apply them): 1 for other protocols (tcp 1); 1 that inspect responses (flow:to_client 1); " +
            "1 that need state across requests (flowbits 1)", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", "--strict", _dir]);
        Assert.Equal(2, code);
        Assert.Contains("3 rules skipped, and --strict makes that an error", stderr, StringComparison.Ordinal);

        string input = Write("in.jsonl", JsonLine("a", "/") + "\n");
        (code, _, stderr) = await Infrastructure.EwidsProcess.RunAsync(["scan", "--rules", Path.Combine(_dir, "et.rules"), input]);
        Assert.True(code is 0 or 1, stderr);
        Assert.Contains("ewids scan: skipped 3 rules EastWestIds cannot apply: 1 for other protocols (tcp 1);", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_RequireCases_NamesEveryRuleNoCaseFires_AndFails()
    {
        Write("web.rules", Traversal + Union);
        Write("web.cases.yaml",
            """
            cases:
              - name: traversal
                uri: "/a/..%2f..%2fetc/passwd"
                headers: [["Host", "a"]]
                expect: [1000001]
            """);

        var (code, stdout, stderr) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", _dir]);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("1 rules without a matching case", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NO CASE", stdout, StringComparison.Ordinal);

        (code, stdout, _) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", "--require-cases", _dir]);
        Assert.Equal(1, code);
        Assert.Contains("NO CASE sid 1000002:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NO CASE sid 1000001", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulesTest_ShippedRules_EveryCasePasses_AndEveryRuleHasOne()
    {
        // About the shipped rules themselves: every signatures/*.cases.yaml through the sink's own path, and no shipped
        // rule without a case that makes it fire (four dead rules were found by writing those cases).
        string shipped = TestCommon.RepositoryPaths.InRepository("signatures");

        var (code, stdout, stderr) = await Infrastructure.EwidsProcess.RunAsync(["rules", "test", "--require-cases", shipped]);

        Assert.True(code == 0, stdout + stderr);
        Assert.Matches(@"\d+ cases: (\d+) passed, 0 failed; 0 rules without a matching case", stdout);
    }

    [Fact]
    public async Task Reload_InvalidSignatureFile_KeepsPreviousSetAndCountsTheFailure()
    {
        string rules = Write("r/web.rules", Traversal);
        var sources = RuleSources.From([Path.Combine(_dir, "r")], TimeSpan.FromMilliseconds(10));
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        var holder = new SignatureSetHolder(sources.Load().Set!);
        using var reloader = new SignatureReloader(sources, holder, metrics, NullLogger.Instance, watchFiles: false);
        var first = holder.Current;

        // A rule for another protocol is skipped, not an error: the reload succeeds and the gauge counts it.
        File.WriteAllText(rules, Traversal + Union + "alert dns any any -> any any (msg:\"dns\"; dns.query; content:\"x\"; sid:8;)\n");
        Assert.True(await reloader.ReloadAsync("test"));
        var second = holder.Current;
        Assert.NotSame(first, second);
        Assert.Equal(2, second.Count);
        Assert.Contains("eastwestids_signature_rules_skipped 1", await Export(metrics), StringComparison.Ordinal);

        File.WriteAllText(rules, Traversal + "alert http any any -> any any (msg:\"bad\"; http.uri; content:\"x\"; within:0; sid:7;)\n");
        Assert.False(await reloader.ReloadAsync("test"));
        Assert.Same(second, holder.Current);

        string exposition = await Export(metrics);
        Assert.Contains("eastwestids_signature_reloads_total{result=\"failure\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("eastwestids_signature_reloads_total{result=\"success\"} 1", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_RuleFileChanges_SwapsInTheNewSet()
    {
        string rules = Write("w/web.rules", Traversal);
        var sources = RuleSources.From([Path.Combine(_dir, "w")], TimeSpan.FromMilliseconds(10));
        var holder = new SignatureSetHolder(sources.Load().Set!);
        using var reloader = new SignatureReloader(sources, holder, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLogger.Instance);

        File.WriteAllText(rules, Traversal + Union);

        for (int i = 0; i < 200 && holder.Current.Count != 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, holder.Current.Count);
    }

    private static async Task<string> Export(IdsMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
