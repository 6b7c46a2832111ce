using System.Security.Cryptography;
using System.Text;
using EastWestIds.Http.Http1;

namespace EastWestIds.Http.Tests.Support;

/// <summary>
/// What a <see cref="RecordingHandler"/> saw, copied out of the parser's spans: an event log (body runs merged,
/// so two parses of the same bytes cut differently compare equal), each request's body bytes, and any callback
/// that came out of order.
/// </summary>
public sealed class RequestRecording
{
    private readonly List<string> _events = [];
    private readonly MemoryStream _pendingBody = new();
    private int _state; // 0 before a start line, 1 in a head, 2 after OnHeadersComplete

    /// <summary>One entry per request whose head completed: its de-chunked body.</summary>
    public List<MemoryStream> Bodies { get; } = [];

    public List<RequestFraming> Framings { get; } = [];

    public List<(string Method, string Target, HttpVersion Version, RequestTargetForm Form)> StartLines { get; } = [];

    public List<(string Name, string Value)> Headers { get; } = [];

    public List<(string Name, string Value)> Trailers { get; } = [];

    public int BodyCalls { get; private set; }

    public int LargestBodyCall { get; private set; }

    public long BodyBytes { get; private set; }

    /// <summary>The event log; body bytes between other events appear as one "body length sha256" line.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            FlushBody();
            return _events;
        }
    }

    public string Describe() => string.Join('\n', Events);

    internal void StartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form)
    {
        Expect(_state is 0 or 2, "OnStartLine");
        _state = 1;
        StartLines.Add((Text(method), Text(target), version, form));
        Add($"start {Text(method)} {Text(target)} {version} {form}");
    }

    internal void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Expect(_state == 1, "OnHeader");
        Headers.Add((Text(name), Text(value)));
        Add($"header [{Text(name)}] [{Text(value)}]");
    }

    internal void HeadersComplete(in RequestFraming framing)
    {
        Expect(_state == 1, "OnHeadersComplete");
        _state = 2;
        Framings.Add(framing);
        Bodies.Add(new MemoryStream());
        Add($"complete {framing}");
    }

    internal void Body(ReadOnlySpan<byte> data)
    {
        Expect(_state == 2 && !data.IsEmpty, "OnBody");
        BodyCalls++;
        BodyBytes += data.Length;
        LargestBodyCall = Math.Max(LargestBodyCall, data.Length);
        _pendingBody.Write(data);
        if (Bodies.Count > 0)
        {
            Bodies[^1].Write(data);
        }
    }

    internal void Trailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Expect(_state == 2, "OnTrailer");
        Trailers.Add((Text(name), Text(value)));
        Add($"trailer [{Text(name)}] [{Text(value)}]");
    }

    private void Add(string entry)
    {
        FlushBody();
        _events.Add(entry);
    }

    private void FlushBody()
    {
        if (_pendingBody.Length > 0)
        {
            _events.Add($"body {_pendingBody.Length} {Convert.ToHexString(SHA256.HashData(_pendingBody.ToArray()))}");
            _pendingBody.SetLength(0);
        }
    }

    private void Expect(bool condition, string callback)
    {
        if (!condition)
        {
            _events.Add($"ORDER VIOLATION: {callback} in state {_state}");
        }
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
