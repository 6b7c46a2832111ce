using System.Buffers;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;

namespace EastWestIds.Benchmarks.Engine;

/// <summary>
/// Everything the sink does for one mirrored request except the socket and the queue hand-off: frame it,
/// copy it into the pooled request model, and run the identity stage (XFCC, SPIFFE, callee) with its
/// metrics. A clean Istio request raises nothing and must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class MirrorPathBenchmark
{
    private const string Xfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8ed2cf0a5a3e9f3e2bc4ea9c0c4e4c0dd4d1ce2a9f1d49bbd0e7e5a4df;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    private ReadOnlySequence<byte> _input;
    private Http1RequestParser _parser = null!;
    private MirroredRequest _request = null!;
    private InspectionPipeline _pipeline = null!;
    private InspectionPipeline.WorkerState _state = null!;

    [Params("design-example", "json-post-1k")]
    public string Case { get; set; } = "design-example";

    [GlobalSetup]
    public void Setup()
    {
        var raw = Case == "design-example"
            ? "GET /reviews/0 HTTP/1.1\r\nhost: reviews-shadow:9080\r\nuser-agent: Mozilla/5.0\r\nx-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\nx-forwarded-proto: http\r\nx-envoy-attempt-count: 1\r\nx-forwarded-for: 10.1.0.52\r\nx-envoy-internal: true\r\n" +
              $"x-forwarded-client-cert: {Xfcc}\r\nx-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\nx-b3-spanid: 9611f0bb69e6f424\r\n\r\n"
            : $"POST /api/orders HTTP/1.1\r\nhost: orders.shop.svc.cluster.local:8080\r\ncontent-type: application/json\r\ncontent-length: 1024\r\nx-forwarded-client-cert: {Xfcc}\r\n\r\n" + new string('x', 1024);
        _input = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(raw));
        _parser = new Http1RequestParser(HttpLimits.Default);
        _request = new MirroredRequest();
        var options = new InspectionOptions { SinkIdentity = "spiffe://cluster.local/ns/ewids-system/sa/ewids" };
        _pipeline = new InspectionPipeline(options, NullAlertWriter.Instance, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()));
        _state = _pipeline.CreateWorkerState();
        if (FrameAndInspect() != 0)
        {
            throw new InvalidOperationException("the benchmark request must be clean");
        }
    }

    [Benchmark]
    public int FrameAndInspect()
    {
        _request.Reset();
        _request.PeerAddress = IPAddress.Loopback;
        var reader = new SequenceReader<byte>(_input);
        var capture = new MirroredRequestCapture(_request, 64 * 1024);
        if (_parser.Parse(ref reader, ref capture) != ParseStatus.Complete)
        {
            throw new InvalidOperationException("did not frame");
        }

        _pipeline.Inspect(_request, _state);
        return _state.Context.Findings.Count;
    }

    private sealed class NullAlertWriter : IAlertWriter
    {
        public static readonly NullAlertWriter Instance = new();

        public void Write(ReadOnlySpan<byte> line)
        {
        }

        public void Flush()
        {
        }
    }
}
