using System.Buffers;
using System.Text;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Offline;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Inspection;

/// <summary>What <see cref="InspectionWarmUp.Run"/> did: canned requests inspected, and the findings they raised
/// (the canned attacks must raise some, or the alert path stayed cold).</summary>
public readonly record struct InspectionWarmUpResult(int Inspected, int Findings);

/// <summary>
/// Runs canned requests through a private copy of an <see cref="InspectionPipeline"/>, so that the code a verdict
/// runs is compiled before real requests wait for one (<c>ewids proxy --mode enforce</c> reports ready only after).
/// </summary>
/// <remarks>
/// <para>Why: the first inspection after a start compiles the identity stage, the decoders, the matcher, the detectors
/// and the alert formatting as it meets them, and builds its worker's matcher. Measured on one core, with every pattern
/// already built: the first request after <c>/readyz</c> took 65 ms to over 131 ms to inspect (12 of 12 starts),
/// against the 100 ms <c>--inspect-timeout</c>; with the canned requests run first on the same worker states, 8–16 ms
/// (7 of 7; bench/README, session 10).</para>
/// <para>The copy leaves no trace: it shares the rule set and the policies, which it only reads, but writes its alerts
/// nowhere, counts into a registry of its own and has no baseline stage (nothing is learned from canned traffic).
/// Patterns the canned requests need are built, as any request would build them.</para>
/// </remarks>
public static class InspectionWarmUp
{
    // A trusted in-mesh call, as Envoy forwards it (DESIGN.md), then the body shapes the decoders treat apart, then
    // two attacks (SQL in the query, script in a JSON body) so that evidence and alert formatting are compiled too.
    private const string Xfcc =
        "x-forwarded-client-cert: By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c5a1bd9a8f5d7c4b6e3f2a1908d7c6b5a4e3f2d1c0b9a8f7e6d5c4b3a24df;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage\r\n";

    private const string MeshHeaders =
        "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
        "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\nx-forwarded-proto: http\r\nx-envoy-attempt-count: 1\r\n" +
        "x-forwarded-for: 10.1.0.52\r\n" + Xfcc + "x-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\nx-b3-spanid: 9611f0bb69e6f424\r\n";

    private const string JsonBody =
        "{\"items\":[{\"sku\":\"SKU-1000\",\"qty\":1,\"name\":\"Trail running shoe size 40\"},{\"sku\":\"SKU-1001\",\"qty\":2,\"name\":\"Trail running shoe size 41\"}],\"coupon\":null}";

    private const string FormBody = "name=O%27Brien&comment=Great+service%2C+will+order+again&rating=5";

    private const string MultipartBody =
        "--b0undary\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQuarterly report\r\n" +
        "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.csv\"\r\nContent-Type: text/csv\r\n\r\nregion,total\r\nemea,1200\r\n" +
        "--b0undary--\r\n";

    private const string XssBody = "{\"comment\":\"<script>alert(document.cookie)</script>\"}";

    private static readonly byte[][] Requests =
    [
        Wire("GET /reviews/0?page=2&sort=date HTTP/1.1\r\nhost: reviews:9080\r\n" + MeshHeaders + "\r\n"),
        Wire("POST /orders HTTP/1.1\r\nhost: orders:8080\r\ncontent-type: application/json\r\n" + MeshHeaders + $"content-length: {JsonBody.Length}\r\n\r\n" + JsonBody),
        Wire("POST /feedback HTTP/1.1\r\nhost: feedback:8080\r\ncontent-type: application/x-www-form-urlencoded\r\ncookie: session=4f2a9c; theme=dark\r\nreferer: http://web/feedback\r\n" + MeshHeaders + $"content-length: {FormBody.Length}\r\n\r\n" + FormBody),
        Wire("POST /upload HTTP/1.1\r\nhost: files:8080\r\ncontent-type: multipart/form-data; boundary=b0undary\r\n" + MeshHeaders + $"content-length: {MultipartBody.Length}\r\n\r\n" + MultipartBody),
        Wire("GET /search?q=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\r\nhost: search:8080\r\n" + MeshHeaders + "\r\n"),
        Wire("POST /comments HTTP/1.1\r\nhost: comments:8080\r\ncontent-type: application/json\r\n" + MeshHeaders + $"content-length: {XssBody.Length}\r\n\r\n" + XssBody),
    ];

    /// <summary>
    /// Inspects the canned requests <paramref name="rounds"/> times each (enough calls for the runtime to queue the hot
    /// methods for optimization), stopping early when <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="options">The real pipeline's options (its baseline stage, if any, is left out).</param>
    /// <param name="signatures">The rule set in force, or null when the real pipeline runs without signatures.</param>
    /// <param name="ingest">How the real pipeline's requests arrive (the identity stage reads mirror and inline requests differently).</param>
    /// <param name="rounds">How many times each canned request is inspected.</param>
    /// <param name="states">Worker states of the real pipeline to warm too, taking turns by round (each builds its
    /// matcher on first use); default: one of the copy's own.</param>
    /// <param name="cancellationToken">Stops the rounds early (the host is stopping).</param>
    public static InspectionWarmUpResult Run(
        InspectionOptions options,
        SignatureSetHolder? signatures,
        IngestKind ingest,
        int rounds,
        IReadOnlyList<InspectionPipeline.WorkerState>? states = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        var pipeline = new InspectionPipeline(
            options with { Baseline = null }, DiscardAlertWriter.Instance, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), signatures);
        states = states is { Count: > 0 } ? states : [pipeline.CreateWorkerState()];
        var framer = new OfflineFramer(new OfflineReaderOptions { MaxInspectedBodyBytes = options.MaxInspectedBodyBytes, MaxInspectedBodyTailBytes = options.MaxInspectedBodyTailBytes, MaxEvidenceBytes = options.MaxEvidenceBytes });
        int inspected = 0, findings = 0;
        for (int round = 0; round < rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            var state = states[round % states.Count];
            foreach (var wire in Requests)
            {
                framer.StartConnection();
                var request = framer.Request;
                request.Ingest = ingest;
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(wire));
                var status = framer.Parse(ref reader);
                if (status != ParseStatus.Complete)
                {
                    // A canned request that does not frame would warm nothing: a bug here, not a runtime condition.
                    throw new InvalidOperationException($"canned warm-up request {Array.IndexOf(Requests, wire)} does not frame: {status} ({framer.Parser.RejectionReason})");
                }

                pipeline.Inspect(request, state);
                inspected++;
                findings += state.Context.Findings.Count;
            }
        }

        return new InspectionWarmUpResult(inspected, findings);
    }

    private static byte[] Wire(string request) => Encoding.ASCII.GetBytes(request);
}
