using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// Decoding a request into its inspection buffers on a warmed-up worker: <c>DecodeAll</c> (every buffer, what the
/// engine pays when it wants all anomalies; the baseline) and <c>UriArgsBody</c> (the buffers most rules read).
/// Target: Allocated <c>-</c> for the uncompressed inputs. The gzip input allocates a GZipStream and its native
/// inflater per request: .NET 10 has no span-based inflater (see ContentDecompressor).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DecodingBenchmark
{
    private static readonly InspectionBuffer[] AllBuffers = Enum.GetValues<InspectionBuffer>();
    private static readonly Dictionary<DecodingInput, BenchRequestView> Views = BuildViews();
    private readonly RequestBuffers _buffers = new();
    private BenchRequestView _view = null!;

    /// <summary>The inputs.</summary>
    public enum DecodingInput
    {
        /// <summary>A ~1 KiB benign GET: long query with percent-encoding and '+', typical mesh headers.</summary>
        BenignGet1K,

        /// <summary>A ~1 KiB JSON POST with nested objects, arrays and a few escapes.</summary>
        JsonPost1K,

        /// <summary>The same JSON, gzip-compressed (Content-Encoding: gzip).</summary>
        GzipJsonPost1K,
    }

    /// <summary>Which request this run decodes.</summary>
    [Params(DecodingInput.BenignGet1K, DecodingInput.JsonPost1K, DecodingInput.GzipJsonPost1K)]
    public DecodingInput Input { get; set; }

    /// <summary>Picks the request and decodes it once so the scratch memory has grown to its steady size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _view = Views[Input];
        DecodeAll();
    }

    /// <summary>Every buffer decoded and read.</summary>
    [Benchmark(Baseline = true)]
    public int DecodeAll()
    {
        _buffers.Reset(_view);
        _buffers.DecodeAll();
        int total = 0;
        foreach (InspectionBuffer buffer in AllBuffers)
        {
            int count = _buffers.Count(buffer);
            for (int i = 0; i < count; i++)
            {
                total += _buffers.Get(buffer, i).Length;
            }
        }

        return total;
    }

    /// <summary><c>http.uri</c>, <c>http.arg</c>, <c>http.arg_name</c>, <c>http.request_body</c> only.</summary>
    [Benchmark]
    public int UriArgsBody()
    {
        _buffers.Reset(_view);
        int total = _buffers.Get(InspectionBuffer.HttpUri, 0).Length;
        total += Sum(InspectionBuffer.HttpArg) + Sum(InspectionBuffer.HttpArgName) + Sum(InspectionBuffer.HttpRequestBody);
        return total;
    }

    private int Sum(InspectionBuffer buffer)
    {
        int total = 0;
        int count = _buffers.Count(buffer);
        for (int i = 0; i < count; i++)
        {
            total += _buffers.Get(buffer, i).Length;
        }

        return total;
    }

    private static Dictionary<DecodingInput, BenchRequestView> BuildViews()
    {
        (string, string)[] meshHeaders =
        [
            ("Host", "orders.shop.svc.cluster.local:8080"),
            ("User-Agent", "orders-client/1.4.2 (+grpc-gateway)"),
            ("Accept", "application/json"),
            ("Accept-Encoding", "gzip, deflate, br"),
            ("X-Request-Id", "6f1c2d0e-8f7a-4b8e-9a51-0c3b8e2f6d1a"),
            ("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7"),
            ("X-B3-SpanId", "e457b5a2e4d86bd1"),
            ("X-Forwarded-Proto", "http"),
            ("X-Forwarded-Client-Cert", "By=spiffe://cluster.local/ns/shop/sa/orders;Hash=4a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/web"),
        ];

        string query = "customer=42&status=shipped&q=red+running+shoes%20size%2042&sort=-created_at&page=3&per_page=50"
            + "&fields=id,total,items.sku,items.qty,shipping.address.city&since=2026-11-01T00%3A00%3A00Z"
            + "&tag=gift&tag=express&utm_source=newsletter&utm_medium=email&utm_campaign=black+friday+2026";
        var get = new BenchRequestView("GET", "/api/v1/orders/search?" + query, meshHeaders, []);

        string json = """
            {"order":{"id":"ord_8f7a4b8e","customer":{"id":42,"name":"O\u0027Brien, Siobhan","email":"siobhan@example.com"},
            "items":[{"sku":"SHOE-RED-42","qty":1,"price":89.90},{"sku":"SOCK-BLK-M","qty":3,"price":4.50}],
            "shipping":{"method":"express","address":{"line1":"12 Harbour Road","city":"Cork","postcode":"T12 X2Y3","country":"IE"}},
            "note":"Please leave at the side door \u2014 thanks!","gift":true,"coupon":null,
            "metadata":{"source":"web","session":"c0ffee00-1234-4abc-8def-0123456789ab","ab_bucket":"B","ts":1795910400}}}
            """;
        byte[] jsonBytes = Encoding.UTF8.GetBytes(json + new string(' ', Math.Max(0, 1024 - json.Length)));
        var jsonPost = new BenchRequestView("POST", "/api/v1/orders", [.. meshHeaders, ("Content-Type", "application/json")], jsonBytes);

        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(jsonBytes);
        }

        var gzipPost = new BenchRequestView("POST", "/api/v1/orders",
            [.. meshHeaders, ("Content-Type", "application/json"), ("Content-Encoding", "gzip")], ms.ToArray());

        return new()
        {
            [DecodingInput.BenignGet1K] = get,
            [DecodingInput.JsonPost1K] = jsonPost,
            [DecodingInput.GzipJsonPost1K] = gzipPost,
        };
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MegabytesPerSecondColumn(input => Views[(DecodingInput)input].WireLength));
    }
}
