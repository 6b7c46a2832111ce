using System.Text.Json;
using EastWestIds.Engine.Authorization;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Baseline;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.Policy.Suggestion;

namespace EastWestIds.Policy.Tests.Scenarios;

/// <summary>
/// Bookinfo with recorded requests (the corpus JSON Lines that <c>ewids scan</c> and <c>ewids policy</c> read) replayed
/// through the engine's real identity, policy and baseline stages. Each request line carries its expectation:
/// <c>expect</c> (verdict) and <c>expect_findings</c> in bookinfo-requests.jsonl; <c>in_baseline</c> and
/// <c>expect_new_edge</c> in bookinfo-later.jsonl, which follows the learning traffic of bookinfo-traffic.jsonl.
/// </summary>
public class BookinfoTrafficScenarioTests
{
    private const int NewEdgeSid = 9300020;

    /// <summary>The sids this scenario is about: identity cross-checks, policy verdicts, new edges.</summary>
    private static readonly int[] Tracked = [9200012, 9200013, 9200014, 9300010, 9300011, 9300012, 9300013, 9300014, NewEdgeSid, 9300021];

    private static string Scenario(string file) => Path.Combine(AppContext.BaseDirectory, "Scenarios", file);

    private static InspectionOptions Options(params string[] objectFiles)
    {
        var builder = new InventoryBuilder();
        var read = new KubernetesYamlReader().Read(objectFiles, builder);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var snapshot = PolicySnapshot.Compile(builder.Build(), MeshAuthzSettings.Default, "cluster.local");
        Assert.Empty(snapshot.Policies.Diagnostics);
        return new InspectionOptions { Policies = new PolicySnapshotSource(snapshot) };
    }

    private sealed record Outcome(string Id, JudgementResult Verdict, int[] Sids);

    private readonly record struct JudgementResult(bool Judged, VerdictKind Kind, string Rule);

    private static async Task<Dictionary<string, Outcome>> ReplayAsync(string file, InspectionOptions options, IdsMetrics? metrics = null)
    {
        var outcomes = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        var errors = await RequestReplay.RunAsync([Scenario(file)], options, r =>
        {
            var id = JsonSerializer.Deserialize<string>(r.Record.IdJson!)!;
            var policy = r.Context.Policy;
            var sids = r.Context.Findings.Select(f => f.Signature.Sid).Where(Tracked.Contains).Order().ToArray();
            outcomes.Add(id, new Outcome(id, new JudgementResult(policy.Judged, policy.Verdict.Kind, policy.Verdict.Rule.ToString()), sids));
        }, metrics: metrics);
        Assert.Empty(errors);
        return outcomes;
    }

    private static List<JsonElement> Lines(string file)
        => [.. File.ReadAllLines(Scenario(file)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];

    public static TheoryData<string> RequestIds() => [.. Lines("bookinfo-requests.jsonl").Select(l => l.GetProperty("id").GetString()!)];

    private static readonly Lazy<Task<Dictionary<string, Outcome>>> s_checked =
        new(() => ReplayAsync("bookinfo-requests.jsonl", Options(Scenario("bookinfo.yaml"))));

    [Theory]
    [MemberData(nameof(RequestIds))]
    public async Task RecordedRequest_GetsItsExpectedVerdictAndFindings(string id)
    {
        var line = Lines("bookinfo-requests.jsonl").Single(l => l.GetProperty("id").GetString() == id);
        var outcome = (await s_checked.Value)[id];

        var expected = line.GetProperty("expect").GetString();
        var actual = outcome.Verdict.Judged ? PolicyOutcome.Label(outcome.Verdict.Kind) : "not-judged";
        Assert.Equal(expected, actual);
        Assert.Equal(line.GetProperty("expect_findings").EnumerateArray().Select(e => e.GetInt32()).Order().ToArray(), outcome.Sids);
    }

    [Fact]
    public async Task RecordedRequests_CoverEveryScenarioTheIssueNames()
    {
        var outcomes = await s_checked.Value;

        // a denied call that was still mirrored, a dry-run, a short host in another namespace, a named targetPort, a spoofed IP
        Assert.Equal((VerdictKind.Denied, "bookinfo/ratings-viewer"), (outcomes["pp-ratings"].Verdict.Kind, outcomes["pp-ratings"].Verdict.Rule));
        Assert.Equal("bookinfo/details-trial rule 0", outcomes["tester-details"].Verdict.Rule);
        Assert.Equal(VerdictKind.Allowed, outcomes["tester-reviews-short"].Verdict.Kind);
        Assert.Equal(VerdictKind.Denied, outcomes["tester-reviews-qualified"].Verdict.Kind);
        Assert.Equal("bookinfo/reviews-from-productpage", outcomes["pp-reviews"].Verdict.Rule);
        Assert.Equal([9200012], outcomes["pp-spoofed-ip"].Sids);
    }

    [Fact]
    public async Task NewEdge_AfterLearning_IsReportedOncePerEdge()
    {
        var learner = new BaselineLearner(1000, learning: true);
        var options = Options(Scenario("bookinfo-workloads.yaml")) with { Baseline = learner };
        var learning = await ReplayAsync("bookinfo-traffic.jsonl", options);
        Assert.All(learning.Values, o => Assert.DoesNotContain(NewEdgeSid, o.Sids));
        Assert.All(learning.Values, o => Assert.Equal(VerdictKind.Unprotected, o.Verdict.Kind)); // no policies in this mesh
        Assert.Equal(7, learner.BaselineEdgeCount);

        learner.EndLearning();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var later = await ReplayAsync("bookinfo-later.jsonl", options, new IdsMetrics(registry));

        foreach (var line in Lines("bookinfo-later.jsonl"))
        {
            var id = line.GetProperty("id").GetString()!;
            var reported = later[id].Sids.Contains(NewEdgeSid);
            Assert.True(line.GetProperty("expect_new_edge").GetBoolean() == reported, $"{id}: new-edge reported: {reported}");
        }

        Assert.Equal(4, learner.NewEdgesReported);
        var scrape = await Scrape(registry);
        Assert.Contains("eastwestids_baseline_new_edges_total 4", scrape, StringComparison.Ordinal);
        Assert.Contains("eastwestids_baseline_edges 7", scrape, StringComparison.Ordinal);
        Assert.Contains("eastwestids_baseline_learning 0", scrape, StringComparison.Ordinal);
        Assert.Contains("eastwestids_baseline_overflow_total 0", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaselineFull_NewEdgesCounted_OneFindingSaysSo()
    {
        var learner = new BaselineLearner(7, learning: true);
        var options = Options(Scenario("bookinfo-workloads.yaml")) with { Baseline = learner };
        await ReplayAsync("bookinfo-traffic.jsonl", options);
        learner.EndLearning();
        var registry = Prometheus.Metrics.NewCustomRegistry();

        var later = await ReplayAsync("bookinfo-later.jsonl", options, new IdsMetrics(registry));

        Assert.Equal(["d4"], later.Values.Where(o => o.Sids.Contains(9300021)).Select(o => o.Id));
        Assert.DoesNotContain(later.Values, o => o.Sids.Contains(NewEdgeSid));
        Assert.Contains("eastwestids_baseline_overflow_total 6", await Scrape(registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeniedCalls_AreNotLearned()
    {
        var learner = new BaselineLearner(1000, learning: true);
        await ReplayAsync("bookinfo-requests.jsonl", Options(Scenario("bookinfo.yaml")) with { Baseline = learner });

        var edges = learner.Snapshot();
        Assert.Contains(edges, e => e.Caller.EndsWith("/sa/reviews", StringComparison.Ordinal) && e.Callee == "ratings.bookinfo" && e.PathTemplate == "/ratings/{*}");
        Assert.DoesNotContain(edges, e => e.Caller.EndsWith("/sa/productpage", StringComparison.Ordinal) && e.Callee.StartsWith("ratings.", StringComparison.Ordinal));
        Assert.DoesNotContain(edges, e => e.PathTemplate == "/debug/vars");
        Assert.Contains(edges, e => e.Callee == "reviews.other"); // the short host, in the caller's namespace
    }

    [Theory]
    [InlineData(PathStyle.Template)]
    [InlineData(PathStyle.Prefix)]
    public async Task Suggestion_Applied_DeniesExactlyTheCallsOutsideTheBaseline(PathStyle style)
    {
        var learner = new BaselineLearner(1000, learning: true);
        await ReplayAsync("bookinfo-traffic.jsonl", Options(Scenario("bookinfo-workloads.yaml")) with { Baseline = learner });
        var workloads = Options(Scenario("bookinfo-workloads.yaml")).Policies!.Current.Inventory;

        var suggestion = PolicySuggester.Suggest(learner.Snapshot(), workloads, style);
        var yaml = new StringWriter();
        SuggestionYamlWriter.Write(yaml, suggestion, dryRun: false);
        var file = Path.Combine(Path.GetTempPath(), $"ewids-suggestion-test-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml.ToString());
        try
        {
            // fed back as objects, through the same YAML reader, compiler and evaluator the sink uses
            var later = await ReplayAsync("bookinfo-later.jsonl", Options(Scenario("bookinfo-workloads.yaml"), file));

            Assert.Equal(5, suggestion.Policies.Length);
            foreach (var line in Lines("bookinfo-later.jsonl"))
            {
                var id = line.GetProperty("id").GetString()!;
                var verdict = later[id].Verdict;
                var expected = line.GetProperty("in_baseline").GetBoolean() ? VerdictKind.Allowed : VerdictKind.Denied;
                Assert.True(expected == verdict.Kind, $"{id}: {verdict.Kind} ({verdict.Rule}), expected {expected}");
                if (expected == VerdictKind.Allowed)
                {
                    Assert.StartsWith("bookinfo/ewids-allow-", verdict.Rule, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Suggestion_IsLeastPrivilege_OneRulePerPrincipal_MethodsGroupedByPath()
    {
        var learner = new BaselineLearner(1000, learning: true);
        await ReplayAsync("bookinfo-traffic.jsonl", Options(Scenario("bookinfo-workloads.yaml")) with { Baseline = learner });
        var inventory = Options(Scenario("bookinfo-workloads.yaml")).Policies!.Current.Inventory;

        var suggestion = PolicySuggester.Suggest(learner.Snapshot(), inventory);

        var reviews = suggestion.Policies.Single(p => p.Name == "ewids-allow-reviews-v2");
        Assert.Equal("bookinfo", reviews.Namespace);
        Assert.Equal([new("app", "reviews"), new("version", "v2")], reviews.Selector.ToArray());
        var rule = Assert.Single(reviews.Rules);
        Assert.Equal("cluster.local/ns/bookinfo/sa/productpage", rule.Principal);
        Assert.Equal(
            ["GET /reviews/{*}", "POST /reviews/{*}/votes"],
            rule.Operations.SelectMany(o => o.Methods.SelectMany(m => o.Paths.Select(p => $"{m} {p}"))).Order(StringComparer.Ordinal));
        var productpage = suggestion.Policies.Single(p => p.Name == "ewids-allow-productpage-v1");
        Assert.Equal(["cluster.local/ns/bookinfo/sa/productpage", "cluster.local/ns/other/sa/tester"], productpage.Rules.Select(r => r.Principal));
        Assert.Empty(suggestion.Notes);
    }

    [Fact]
    public void Suggestion_EdgesItCannotExpress_AreLeftOutAndNamed()
    {
        var inventory = Options(Scenario("bookinfo-workloads.yaml")).Policies!.Current.Inventory;
        LearnedEdge[] edges =
        [
            new("spiffe://cluster.local/ns/bookinfo/sa/productpage", "api.example.com", "GET", "/v1", 1),
            new("spiffe://cluster.local/ns/bookinfo/sa/productpage", "details.bookinfo.svc.cluster.local", "GET", "/files/*", 1),
            new("spiffe://cluster.local/ns/bookinfo/sa/productpage", "details.bookinfo.svc.cluster.local", "GET", "/details/{*}", 1),
        ];

        var suggestion = PolicySuggester.Suggest(edges, inventory);

        Assert.Equal(1, suggestion.EdgesUsed);
        Assert.Equal(2, suggestion.Notes.Length);
        Assert.Contains(suggestion.Notes, n => n.Contains("api.example.com", StringComparison.Ordinal));
        Assert.Contains(suggestion.Notes, n => n.Contains("/files/*", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/health", PathStyle.Template, "/health")]
    [InlineData("/reviews/{*}", PathStyle.Template, "/reviews/{*}")]
    [InlineData("/a/{*}/b/{**}", PathStyle.Template, "/a/{*}/b/{**}")]
    [InlineData("/reviews/{*}", PathStyle.Prefix, "/reviews/*")]
    [InlineData("/a/{*}/b", PathStyle.Prefix, "/a/*")]
    [InlineData("/files/*", PathStyle.Template, null)]
    [InlineData("/x/{*}/a*b", PathStyle.Template, null)]
    public void IstioPathForm_WritesWhatIstioAccepts(string template, PathStyle style, string? expected)
    {
        var path = IstioPathForm.From(template, style, out var problem, out var widened);

        Assert.Equal(expected, path);
        Assert.Equal(expected is null, problem is not null);
        Assert.Equal(style == PathStyle.Prefix && template.Contains('{'), widened);
        if (path is not null && style == PathStyle.Template && EastWestIds.Policy.Matching.PathTemplate.IsTemplate(path))
        {
            Assert.True(EastWestIds.Policy.Matching.PathTemplate.TryParse(path, out _, out var error), error);
        }
    }

    private static async Task<string> Scrape(Prometheus.CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
