using BenchmarkDotNet.Attributes;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;

namespace EastWestIds.Benchmarks.Engine;

/// <summary>
/// What keeping a body costs the connection's thread: a 1 MiB body handed over in 16 KiB reads (what a socket
/// delivers), kept as the sink keeps it: the first 64 KiB, and with a tail budget its last 16 KiB, every later byte
/// cycling through the tail's ring. Without a tail the rest is only counted. Both must allocate nothing once the
/// pooled buffer has grown.
/// </summary>
[MemoryDiagnoser]
public class BodyCaptureBenchmark
{
    private const int Chunk = 16 * 1024;
    private readonly byte[] _body = new byte[1024 * 1024];
    private readonly MirroredRequest _request = new();

    /// <summary>The tail budget: 0 (the head only, as before session 25) or the default 16 KiB.</summary>
    [Params(0, 16 * 1024)]
    public int TailBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        new Random(7).NextBytes(_body);
        if (Capture() != 1024 * 1024 - 64 * 1024 - TailBytes)
        {
            throw new InvalidOperationException("the body was not kept as the budgets say");
        }
    }

    /// <summary>Receives the body; returns the bytes left uninspected (the drained middle).</summary>
    [Benchmark]
    public long Capture()
    {
        MirroredRequest request = _request;
        request.Reset();
        var capture = new MirroredRequestCapture(request, 64 * 1024, TailBytes);
        capture.OnStartLine("POST"u8, "/upload"u8, HttpVersion.Http11, RequestTargetForm.Origin);
        capture.OnHeadersComplete(default);
        for (int at = 0; at < _body.Length; at += Chunk)
        {
            capture.OnBody(_body.AsSpan(at, Chunk));
        }

        int tail = request.BodyTail.Length; // puts the ring in order, as the first rule reading it does
        return tail == TailBytes ? request.BodyUninspected : -1;
    }
}
