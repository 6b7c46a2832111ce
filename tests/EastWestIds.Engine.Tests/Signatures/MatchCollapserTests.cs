using System.Text;
using System.Text.Json;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Engine.Tests.Inspection;
using EastWestIds.Signatures.Compilation;
using EastWestIds.TestCommon;

namespace EastWestIds.Engine.Tests.Signatures;

/// <summary>
/// One alert per attack: a request's signature matches collapse per rule category (<c>metadata: ewids_family</c>) into
/// one finding that lists the others, and nothing is lost on the way (EVE, per-sid counter, suppression).
/// </summary>
public sealed class MatchCollapserTests
{
    // Three sqli rules in three buffers (one ranked higher by signature_severity despite its larger sid), one xss rule,
    // one rule without a category, one pass rule.
    private const string Rules =
        """
        alert http any any -> any any (msg:"sqli union (URI)"; http.uri; content:"union"; nocase; classtype:web-application-attack; sid:1000010; metadata:ewids_family sqli, signature_severity major;)
        alert http any any -> any any (msg:"sqli union (raw URI)"; http.uri.raw; content:"UNION%20SELECT"; nocase; classtype:web-application-attack; sid:1000011; metadata:ewids_family sqli, signature_severity major;)
        alert http any any -> any any (msg:"sqli comment (argument)"; http.arg; content:"--"; classtype:web-application-attack; sid:1000012; metadata:ewids_family sqli, signature_severity critical;)
        alert http any any -> any any (msg:"sqli low (URI)"; http.uri; content:"select"; nocase; classtype:attempted-recon; sid:1000001; metadata:ewids_family sqli, signature_severity critical;)
        alert http any any -> any any (msg:"xss script (argument)"; http.arg; content:"<script"; nocase; classtype:web-application-attack; sid:1000020; metadata:ewids_family xss;)
        alert http any any -> any any (msg:"local rule A"; http.uri; content:"LOCAL"; classtype:web-application-attack; sid:1000030;)
        alert http any any -> any any (msg:"local rule B"; http.uri; content:"LOCAL"; classtype:web-application-attack; sid:1000031;)
        pass http any any -> any any (msg:"health checker"; http.user_agent; content:"kube-probe"; sid:1000040;)
        """;

    private const string SqliTarget = "/ratings?id=1%27%20UNION%20SELECT%20password%20FROM%20users--";

    private static string Get(string target, string extra = "") =>
        $"GET {target} HTTP/1.1\r\nHost: ratings-shadow:9080\r\nx-forwarded-client-cert: {Raw.Xfcc}\r\n{extra}\r\n";

    private static Finding[] SignatureFindings(InspectionContext context) =>
        [.. context.Findings.Where(f => f.Signature.Sid is >= 1000000 and < 2000000)];

    [Fact]
    public void SeveralRulesOfOneCategoryInSeveralBuffers_OneFinding_ListingTheOthersRanked()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get(SqliTarget));

        var finding = Assert.Single(SignatureFindings(harness.Context));
        // Highest severity first (classtype priority: web-application-attack 1 beats attempted-recon 2, so 1000001 with
        // the lowest sid loses), then signature_severity (critical 1000012 beats major), then the lowest sid.
        Assert.Equal(1000012, finding.Signature.Sid);
        Assert.StartsWith("http.arg[0]@", finding.Detail, StringComparison.Ordinal);
        Assert.NotNull(finding.Related);
        Assert.Equal([1000010, 1000011, 1000001], finding.Related.Select(r => r.Signature.Sid));
        Assert.All(finding.Related, r => Assert.False(string.IsNullOrEmpty(r.Detail)));
        Assert.StartsWith("http.uri.raw[0]@", finding.Related[1].Detail, StringComparison.Ordinal);

        var alert = Assert.Single(harness.Output.OfType("alert"), a => a.GetProperty("alert").GetProperty("signature_id").GetInt32() < 2000000);
        Assert.Equal(1000012, alert.GetProperty("alert").GetProperty("signature_id").GetInt32());
        Assert.Equal(["1000010", "1000011", "1000001"],
            alert.GetProperty("alert").GetProperty("metadata").GetProperty("ewids_related_sids").EnumerateArray().Select(e => e.GetString()));
        var related = alert.GetProperty("mesh").GetProperty("related").EnumerateArray().ToArray();
        Assert.Equal([1000010, 1000011, 1000001], related.Select(r => r.GetProperty("signature_id").GetInt32()));
        Assert.Equal("sqli union (raw URI)", related[1].GetProperty("signature").GetString());
        Assert.StartsWith("http.uri.raw[0]@", related[1].GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SqliAndXssInOneRequest_TwoFindings()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get(SqliTarget + "&q=%3Cscript%3Ealert(1)%3C/script%3E"));

        var findings = SignatureFindings(harness.Context);
        Assert.Equal([1000012, 1000020], findings.Select(f => f.Signature.Sid));
        Assert.Null(findings[1].Related);
        Assert.Equal(2, harness.Output.OfType("alert").Count(a => a.GetProperty("alert").GetProperty("signature_id").GetInt32() < 2000000));
        var xss = harness.Output.Alerts(1000020).Single();
        Assert.False(xss.GetProperty("alert").GetProperty("metadata").TryGetProperty("ewids_related_sids", out _));
        Assert.False(xss.GetProperty("mesh").TryGetProperty("related", out _));
    }

    [Fact]
    public void RulesWithoutACategory_AreNeverCollapsed()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get("/LOCAL"));

        Assert.Equal([1000030, 1000031], SignatureFindings(harness.Context).Select(f => f.Signature.Sid));
        Assert.All(SignatureFindings(harness.Context), f => Assert.Null(f.Related));
    }

    [Fact]
    public void PassRule_StillSuppressesEveryMatch()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get(SqliTarget, "User-Agent: kube-probe/1.31\r\n"));

        Assert.Empty(SignatureFindings(harness.Context));
        Assert.DoesNotContain(harness.Output.OfType("alert"), a => a.GetProperty("alert").GetProperty("signature_id").GetInt32() < 2000000);
    }

    [Fact]
    public async Task PerSidCounter_CountsEverySidThatMatched_AlertsCountOne()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get(SqliTarget));

        var text = await Export(harness.Metrics);
        foreach (var sid in (int[])[1000010, 1000011, 1000012, 1000001])
        {
            Assert.Contains($"eastwestids_signature_matches_total{{sid=\"{sid}\",", text);
        }

        Assert.DoesNotContain("sid=\"1000020\"", text);
        Assert.Contains("eastwestids_alerts_total{category=\"attack\",severity=\"high\"} 1", text);
    }

    [Fact]
    public void SuppressedWinner_GivesWayToItsBestUnsuppressedSibling_AllSuppressedRaisesNothing()
    {
        var eve = new InMemoryAlertWriter();
        var sink = new SuppressingSink(1000012, 1000010);
        var pipeline = Pipeline(eve, sink);
        var state = pipeline.CreateWorkerState();

        pipeline.Inspect(PipelineHarness.Capture(Get(SqliTarget)), state);

        var stored = Assert.Single(sink.Alerts);
        Assert.Equal(1000011, stored.Signature.Sid);
        Assert.Equal([1000001], stored.Related!.Select(r => r.Signature.Sid));
        Assert.Equal(["1000001"], eve.Alerts(1000011).Single().GetProperty("alert").GetProperty("metadata").GetProperty("ewids_related_sids")
            .EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(eve.Alerts(1000012));

        var all = new SuppressingSink(1000012, 1000010, 1000011, 1000001);
        pipeline = Pipeline(new InMemoryAlertWriter(), all);
        pipeline.Inspect(PipelineHarness.Capture(Get(SqliTarget)), pipeline.CreateWorkerState());
        Assert.Empty(all.Alerts);
    }

    [Fact]
    public void ShippedRules_ReadmeSqlInjection_OneAlertPerCategory_WithTheOtherSids()
    {
        var compiled = SignatureSetLoader.Load([RepositoryPaths.InRepository("signatures")]);
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Errors));
        var eve = new InMemoryAlertWriter();
        var pipeline = new InspectionPipeline(new InspectionOptions(), eve, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()),
            new SignatureSetHolder(compiled.Set!));
        var state = pipeline.CreateWorkerState();

        pipeline.Inspect(PipelineHarness.Capture(Get(SqliTarget)), state);

        var attacks = state.Context.Findings.Where(f => f.Signature.Sid >= 9400000).ToArray();
        var categories = SignatureCategories.For(compiled.Set!);
        var byCategory = attacks.GroupBy(f => categories.CategoryOf(IndexOf(compiled.Set!, f.Signature.Sid))).ToArray();
        Assert.All(byCategory, g => Assert.Single(g)); // one finding per category
        var sqli = Assert.Single(attacks, f => categories.Name(categories.CategoryOf(IndexOf(compiled.Set!, f.Signature.Sid))) == "sqli");
        Assert.True(sqli.Related is { Length: >= 5 }, $"the README request fires many sqli rules; related: {sqli.Related?.Length}");
        Assert.Equal(sqli.Related!.Length + 1, sqli.Related.Select(r => r.Signature.Sid).Append(sqli.Signature.Sid).Distinct().Count());
        Assert.Equal(attacks.Length, eve.OfType("alert").Count(a => a.GetProperty("alert").GetProperty("signature_id").GetInt32() >= 9400000));
    }

    [Fact]
    public void NoMatch_AllocatesNothingInTheSignatureStage()
    {
        var compiled = SignatureSetLoader.LoadTexts([("test.rules", Rules)]);
        var inspector = new SignatureInspector(new SignatureSetHolder(compiled.Set!), new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()));
        var worker = new SignatureWorker();
        var context = new InspectionContext();
        var request = PipelineHarness.Capture(Get("/reviews/0?page=2"));
        inspector.Inspect(request, context, worker); // warm: matcher, scratch, buffers

        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                context.Reset();
                inspector.Inspect(request, context, worker);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Empty(context.Findings);
    }

    private static int IndexOf(EastWestIds.Signatures.Matching.CompiledSignatureSet set, int sid) =>
        set.Signatures.First(s => s.Sid == sid).Index;

    private static InspectionPipeline Pipeline(InMemoryAlertWriter eve, IRequestAlertSink sink)
    {
        var compiled = SignatureSetLoader.LoadTexts([("test.rules", Rules)]);
        return new InspectionPipeline(new InspectionOptions(), new CompositeAlertWriter(eve, sink),
            new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), new SignatureSetHolder(compiled.Set!));
    }

    private static async Task<string> Export(IdsMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class SuppressingSink(params int[] suppressed) : IRequestAlertSink
    {
        public List<Finding> Alerts { get; } = [];

        public bool IsSuppressed(MirroredRequest request, InspectionContext context, in Finding finding) => suppressed.Contains(finding.Signature.Sid);

        public void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine)
        {
            if (finding.Signature.Sid < 2000000)
            {
                Alerts.Add(finding);
            }
        }

        public void OnAnalysed(MirroredRequest request, InspectionContext context)
        {
        }
    }
}
