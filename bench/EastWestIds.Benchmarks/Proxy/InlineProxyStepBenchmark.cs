using System.Net;
using BenchmarkDotNet.Attributes;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Hosting;
using EastWestIds.Host.Proxy;
using EastWestIds.Signatures.Compilation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace EastWestIds.Benchmarks.Proxy;

/// <summary>
/// What <c>ewids proxy</c> adds to YARP for one request, without sockets: capturing an already-parsed
/// <see cref="HttpContext"/> into the request model (the baseline), and the whole inspection step in enforce and
/// monitor mode (capture, the thread-pool work item, the pipeline, the verdict) in front of a no-op forwarder.
/// The request is DESIGN.md's, from a trusted caller: it is forwarded, never blocked.
/// </summary>
[MemoryDiagnoser]
public class InlineProxyStepBenchmark
{
    private const string Xfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8ed2cf0a5a3e9f3e2bc4ea9c0c4e4c0dd4d1ce2a9f1d49bbd0e7e5a4df;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";
    private static readonly Func<Task> Forward = () => Task.CompletedTask;

    private DefaultHttpContext _context = null!;
    private MirroredRequestPool _pool = null!;
    private InspectionProxyStep _enforce = null!;
    private InspectionProxyStep _monitor = null!;
    private byte[] _scratch = new byte[1024];
    private readonly List<InlineInspector> _inspectors = [];

    /// <summary>"none": protocol and identity stages only; "shipped": also every rule in <c>signatures/</c>, as
    /// <c>ewids proxy</c> runs by default.</summary>
    [Params("none", "shipped")]
    public string Rules { get; set; } = "shipped";

    [GlobalSetup]
    public void Setup()
    {
        _context = new DefaultHttpContext();
        var request = _context.Request;
        request.Method = "GET";
        request.Path = "/reviews/0";
        request.Protocol = "HTTP/1.1";
        request.Headers.Host = "reviews-shadow:9080";
        // The same headers as bench/load/mirror-request.lua, which the load test sends through the real proxy.
        request.Headers.UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        request.Headers["x-request-id"] = "7f7344ac-039a-99ee-910b-7a1716fa9a6e";
        request.Headers["x-forwarded-proto"] = "http";
        request.Headers["x-envoy-attempt-count"] = "1";
        request.Headers["x-forwarded-for"] = "10.1.0.52";
        request.Headers["x-envoy-internal"] = "true";
        request.Headers["x-forwarded-client-cert"] = Xfcc;
        request.Headers["x-b3-traceid"] = "d605f723bc9ff6b76e19334ef7882929";
        request.Headers["x-b3-spanid"] = "9611f0bb69e6f424";
        _context.Connection.RemoteIpAddress = IPAddress.Loopback;
        _context.Connection.Id = "bench";
        _pool = new MirroredRequestPool();
        _enforce = Step(ProxyMode.Enforce);
        _monitor = Step(ProxyMode.Monitor);
        EnforceGet().GetAwaiter().GetResult();
        if (_context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException("the benchmark request must be forwarded, not blocked");
        }
    }

    /// <summary>Stops the inspectors' watchdogs and drainer threads (a parameter run sets up new ones).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var inspector in _inspectors)
        {
            inspector.Dispose();
        }

        _inspectors.Clear();
    }

    [Benchmark(Baseline = true)]
    public int CaptureOnly()
    {
        var request = _pool.Rent();
        HttpContextCapture.CaptureConnection(_context, request, IngestKind.Inline);
        HttpContextCapture.CaptureHead(_context, new MirroredRequestCapture(request, 64 * 1024), ref _scratch);
        var count = request.HeaderCount;
        _pool.Return(request);
        return count;
    }

    [Benchmark]
    public Task EnforceGet() => _enforce.InvokeAsync(_context, Forward);

    [Benchmark]
    public Task MonitorGet() => _monitor.InvokeAsync(_context, Forward);

    private InspectionProxyStep Step(ProxyMode mode)
    {
        var options = new ProxyOptions
        {
            Mode = mode,
            Upstream = new Uri("http://127.0.0.1:9081"),
            Inspection = new InspectionOptions { SinkIdentity = "spiffe://cluster.local/ns/ewids-system/sa/ewids" },
        };
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        var proxyMetrics = new ProxyMetrics(metrics.Registry);
        var pipeline = new InspectionPipeline(options.Inspection, NullAlertWriter.Instance, metrics, Signatures());
        var inspector = new InlineInspector(pipeline, _pool, options.BlockRule, options.InspectTimeout, options.InspectConcurrency, proxyMetrics, NullLogger.Instance);
        _inspectors.Add(inspector);
        return new InspectionProxyStep(inspector, new InlineCallerIdentity(options, proxyMetrics), options, metrics, proxyMetrics, NullLogger.Instance);
    }

    private SignatureSetHolder? Signatures()
    {
        if (Rules == "none")
        {
            return null;
        }

        var compiled = SignatureSetLoader.Load([Path.Combine(RepositoryRoot.Find(), "signatures")]);
        return new SignatureSetHolder(compiled.Set ?? throw new InvalidOperationException("rules do not compile: " + string.Join("\n", compiled.Errors)));
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
