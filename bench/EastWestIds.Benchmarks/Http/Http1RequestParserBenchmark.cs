using System.Buffers;
using BenchmarkDotNet.Attributes;
using EastWestIds.Benchmarks.Corpus;
using EastWestIds.Benchmarks.Mocks;
using EastWestIds.Http.Http1;
using EastWestIds.TestCommon;

namespace EastWestIds.Benchmarks.Http;

/// <summary>
/// HTTP/1.1 framing of the request corpus with a handler that does nothing: the cost the parser adds to every
/// mirrored request. Each invocation frames 16 requests (one input parsed 16 times, or the 16-way pipelined
/// buffer once), so the reported time and allocation are per request. Target: Allocated <c>-</c>.
/// </summary>
[MemoryDiagnoser]
public class Http1RequestParserBenchmark
{
    private const int RequestsPerInvoke = 16;

    private readonly Http1RequestParser _parser = new(HttpLimits.Default);
    private ReadOnlySequence<byte> _buffer;
    private int _repeats;

    /// <summary>The inputs, from <see cref="RequestCorpus"/>.</summary>
    public enum ParserInput
    {
        /// <summary>DESIGN.md's mirrored GET with XFCC (~600 B head).</summary>
        SmallGet,

        /// <summary>Browser page load with cookies (~1.6 KiB head).</summary>
        BrowserGet,

        /// <summary>JSON POST with a 1 KiB Content-Length body.</summary>
        JsonPost1K,

        /// <summary>JSON POST with a 64 KiB Content-Length body (delivered, not copied).</summary>
        JsonPost64K,

        /// <summary>The browser GET cut into four segments mid-line: the copying slow path.</summary>
        MultiSegment,

        /// <summary>16 keep-alive GETs in one buffer.</summary>
        Pipelined16,
    }

    /// <summary>Which input this run parses.</summary>
    [Params(ParserInput.SmallGet, ParserInput.BrowserGet, ParserInput.JsonPost1K, ParserInput.JsonPost64K, ParserInput.MultiSegment, ParserInput.Pipelined16)]
    public ParserInput Input { get; set; }

    /// <summary>Builds the buffer and checks that it frames exactly 16 requests per invocation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_buffer, int requestsInBuffer) = Input switch
        {
            ParserInput.SmallGet => (new ReadOnlySequence<byte>(RequestCorpus.ShadowGet), 1),
            ParserInput.BrowserGet => (new ReadOnlySequence<byte>(RequestCorpus.BrowserGet), 1),
            ParserInput.JsonPost1K => (new ReadOnlySequence<byte>(RequestCorpus.JsonPost1K), 1),
            ParserInput.JsonPost64K => (new ReadOnlySequence<byte>(RequestCorpus.JsonPost64K), 1),
            ParserInput.MultiSegment => (BufferSegment.Split(RequestCorpus.BrowserGet, 7, 300, 900), 1),
            ParserInput.Pipelined16 => (new ReadOnlySequence<byte>(RequestCorpus.Pipelined16), 16),
            _ => throw new ArgumentOutOfRangeException(nameof(Input), Input, null),
        };
        _repeats = RequestsPerInvoke / requestsInBuffer;

        int framed = Parse();
        if (framed != RequestsPerInvoke)
        {
            throw new InvalidOperationException($"{Input}: framed {framed} requests, expected {RequestsPerInvoke} ({_parser.RejectionReason})");
        }
    }

    /// <summary>Frames 16 requests: head, framing rules, body handed over.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RequestsPerInvoke)]
    public int Parse()
    {
        Http1RequestParser parser = _parser;
        var handler = new NullRequestHandler();
        int requests = 0;
        for (int i = 0; i < _repeats; i++)
        {
            var reader = new SequenceReader<byte>(_buffer);
            while (parser.Parse(ref reader, ref handler) == ParseStatus.Complete)
            {
                requests++;
            }
        }

        return requests;
    }
}
