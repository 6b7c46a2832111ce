using System.Text;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Engine.Tests.Inspection;
using EastWestIds.Signatures.Compilation;
using EastWestIds.TestCommon;

namespace EastWestIds.Engine.Tests.Alerts;

/// <summary>
/// The pipeline's seam for the alert store (<see cref="IRequestAlertSink"/> through <see cref="CompositeAlertWriter"/>):
/// suppressed findings raise nothing, every other alert reaches both outputs with the same line, and every request is
/// reported once as analysed.
/// </summary>
public sealed class RequestAlertSinkTests
{
    private const string Rules =
        """
        alert http any any -> any any (msg:"one"; http.uri; content:"MARK-ONE"; classtype:web-application-attack; sid:1000001;)
        alert http any any -> any any (msg:"two"; http.uri; content:"MARK-TWO"; classtype:web-application-attack; sid:1000002;)
        """;

    [Fact]
    public void SuppressedFinding_RaisesNoAlert_OthersReachBothOutputs_EveryRequestIsReportedOnce()
    {
        var eve = new InMemoryAlertWriter();
        var sink = new RecordingSink(suppressedSid: 1000001);
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        var compiled = SignatureSetLoader.LoadTexts([("test.rules", Rules)]);
        var pipeline = new InspectionPipeline(new InspectionOptions(), new CompositeAlertWriter(eve, sink), metrics, new SignatureSetHolder(compiled.Set!));
        var state = pipeline.CreateWorkerState();

        pipeline.Inspect(PipelineHarness.Capture(Get("/a?x=MARK-ONE&y=MARK-TWO")), state);
        pipeline.Inspect(PipelineHarness.Capture(Get("/benign")), state);

        Assert.Equal([1000001, 1000002], sink.AskedAbout.Where(s => s < 9000000).Order()); // every finding is asked about, once
        Assert.Empty(eve.Alerts(1000001));
        Assert.Single(eve.Alerts(1000002));
        var stored = Assert.Single(sink.Alerts, a => a.Sid == 1000002);
        Assert.Equal(eve.Lines.Single(l => l.Contains("\"signature_id\":1000002", StringComparison.Ordinal)).TrimEnd('\n'), stored.Line);
        Assert.Equal("/a?x=MARK-ONE&y=MARK-TWO", stored.Target);
        Assert.DoesNotContain(sink.Alerts, a => a.Sid == 1000001);
        Assert.Equal(2, sink.Analysed);
    }

    [Fact]
    public void Composite_PassesPlainLines_ToTheEveWriter()
    {
        var eve = new InMemoryAlertWriter();
        var composite = new CompositeAlertWriter(eve, new RecordingSink(0));
        composite.Write("{\"event_type\":\"http\"}\n"u8);
        composite.Flush();
        Assert.Single(eve.OfType("http"));
    }

    private static string Get(string target) =>
        $"GET {target} HTTP/1.1\r\nHost: reviews-shadow:9080\r\nx-forwarded-client-cert: {Raw.Xfcc}\r\n\r\n";

    private sealed class RecordingSink(int suppressedSid) : IRequestAlertSink
    {
        public List<int> AskedAbout { get; } = [];

        public List<(int Sid, string Line, string Target)> Alerts { get; } = [];

        public int Analysed { get; private set; }

        public bool IsSuppressed(MirroredRequest request, InspectionContext context, in Finding finding)
        {
            AskedAbout.Add(finding.Signature.Sid);
            return finding.Signature.Sid == suppressedSid;
        }

        public void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine)
            => Alerts.Add((finding.Signature.Sid, Encoding.UTF8.GetString(eveLine).TrimEnd('\n'), Encoding.UTF8.GetString(request.Target)));

        public void OnAnalysed(MirroredRequest request, InspectionContext context) => Analysed++;
    }
}
