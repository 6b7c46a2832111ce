using System.Buffers;
using System.Net;
using HttpVersion = EastWestIds.Http.Http1.HttpVersion;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// One received request, as the engine sees it: the head and the inspected part of the body copied once
/// into a pooled buffer, with every part addressed by offsets into it (no per-request strings).
/// </summary>
/// <remarks>
/// Why a copy at all: analysis runs off the connection's thread so it never delays the answer to the
/// caller, and the receive buffer belongs to the pipe only until the connection advances past it. One
/// memcpy of the head (a few hundred bytes for a typical mirror) buys that independence. Instances are
/// pooled (<see cref="MirroredRequestPool"/>) and reset, never reallocated, on the common path.
/// </remarks>
public sealed partial class MirroredRequest
{
    private const int InitialBufferSize = 4096;
    private const int RetainedBufferSize = 16 * 1024;
    private const int MaxHeaderEntries = 1024;

    private byte[] _data;
    private int _used;
    private HeaderEntry[] _headers = new HeaderEntry[32];
    private int _headerCount;
    private readonly short[] _knownIndex = new short[KnownHeaders.Count];
    private readonly byte[] _knownCount = new byte[KnownHeaders.Count];
    private Range _method;
    private Range _target;
    private Range _body;
    private Range _bodyHead;
    private int _tailNext;
    private Range _rawEvidence;

    public MirroredRequest()
    {
        _data = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        Reset();
    }

    /// <summary>How the request arrived.</summary>
    public IngestKind Ingest { get; set; }

    /// <summary>The protocol version of the request line (or <see cref="HttpVersion.Http2"/>).</summary>
    public HttpVersion Version { get; private set; }

    /// <summary>The request-target form (RFC 9112 §3.2).</summary>
    public RequestTargetForm TargetForm { get; private set; }

    /// <summary>The framing the head declared.</summary>
    public RequestFraming Framing { get; private set; }

    /// <summary>True once the head was parsed (false for a request rejected before its head was complete).</summary>
    public bool HasHead { get; private set; }

    /// <summary>Body bytes received in total, inspected or not.</summary>
    public long BodyReceived { get; private set; }

    /// <summary>Why the request was refused, or <see cref="RequestRejectionReason.None"/>.</summary>
    public RequestRejectionReason Rejection { get; private set; }

    /// <summary>Set when the connection was timed out while this request was still arriving.</summary>
    public StallKind? Stall { get; set; }

    /// <summary>The TCP peer of the connection (on a mirror: the sink's own sidecar, or the caller without one).</summary>
    public IPAddress? PeerAddress { get; set; }

    public int PeerPort { get; set; }

    /// <summary>The local address the request arrived on.</summary>
    public IPAddress? LocalAddress { get; set; }

    public int LocalPort { get; set; }

    /// <summary>Identifies the connection in logs; stable for every request on it.</summary>
    public long ConnectionId { get; set; }

    /// <summary>When the head was complete.</summary>
    public DateTime ReceivedAtUtc { get; set; }

    public ReadOnlySpan<byte> Method => _data.AsSpan(_method);

    /// <summary>The raw request-target (not decoded).</summary>
    public ReadOnlySpan<byte> Target => _data.AsSpan(_target);

    /// <summary>
    /// The inspected body (de-chunked): the whole body when it fit the head and tail budgets together, else its first
    /// head-budget bytes (<see cref="BodyTail"/> then holds its last bytes).
    /// </summary>
    public ReadOnlySpan<byte> Body => _data.AsSpan(_bodyHead);

    /// <summary>
    /// The last tail-budget bytes of a body longer than both budgets, in order; empty otherwise. Why a tail at all: the
    /// evasion every WAF with a body limit meets is padding (junk first, the payload after the limit); the tail is
    /// where that payload lands, and keeping it costs a fixed ring per request, not the body.
    /// </summary>
    public ReadOnlySpan<byte> BodyTail
    {
        get
        {
            // Past the head the kept bytes are the ring; until the ring starts, the head is the whole body kept.
            var ring = _data.AsSpan(_bodyHead.End.Value, _body.End.Value - _bodyHead.End.Value);
            if (_tailNext != 0)
            {
                // Oldest byte first, in place (three reversals); the next write position is then the start again.
                ring[.._tailNext].Reverse();
                ring[_tailNext..].Reverse();
                ring.Reverse();
                _tailNext = 0;
            }

            return ring;
        }
    }

    /// <summary>
    /// True when the body is longer than what was kept for inspection (<see cref="Body"/> is then a prefix): more
    /// arrived than was kept, or the body goes on past what was captured (<see cref="MarkBodyContinues"/>).
    /// </summary>
    public bool BodyTruncated => BodyUninspected > 0 || BodyContinues;

    /// <summary>Set by <see cref="MarkBodyContinues"/>: more body follows what was captured, unread at inspection.</summary>
    public bool BodyContinues { get; private set; }

    /// <summary>
    /// Says that the body goes on past the bytes captured so far, which are all that inspection will see: the inline
    /// proxy judges a body's first bytes before it forwards the rest. Those unread bytes are not counted here (the
    /// proxy counts them as it forwards them); the request reads as truncated, so a cut JSON string or multipart part
    /// is no syntax error and a body that carries arguments raises its not-inspected-whole finding.
    /// </summary>
    public void MarkBodyContinues() => BodyContinues = true;

    /// <summary>Body bytes neither in <see cref="Body"/> nor in <see cref="BodyTail"/>: the middle that was not inspected.</summary>
    public long BodyUninspected => BodyReceived - (_body.End.Value - _body.Start.Value);

    /// <summary>For a rejected request: the first bytes of what was received, for evidence.</summary>
    public ReadOnlySpan<byte> RawEvidence => _data.AsSpan(_rawEvidence);

    public int HeaderCount => _headerCount;

    /// <summary>Bytes this request holds (head, inspected body, evidence): what it costs while queued.</summary>
    public int CapturedBytes => _used;

    /// <summary>Clears the request for reuse; a grown buffer goes back to the pool.</summary>
    public void Reset()
    {
        if (_data.Length > RetainedBufferSize)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        }

        _used = 0;
        _headerCount = 0;
        _knownIndex.AsSpan().Fill(-1);
        _knownCount.AsSpan().Clear();
        _method = _target = _body = _bodyHead = _rawEvidence = default;
        _tailNext = 0;
        Version = HttpVersion.Unknown;
        TargetForm = RequestTargetForm.Origin;
        Framing = default;
        HasHead = false;
        BodyReceived = 0;
        BodyContinues = false;
        Rejection = RequestRejectionReason.None;
        Stall = null;
        Ingest = IngestKind.Mirror;
        PeerAddress = LocalAddress = null;
        PeerPort = LocalPort = 0;
        ConnectionId = 0;
        ReceivedAtUtc = default;
    }

    internal void SetStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form)
    {
        _method = Append(method);
        _target = Append(target);
        Version = version;
        TargetForm = form;
    }

    internal void AddHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool isTrailer)
    {
        if (_headerCount == MaxHeaderEntries)
        {
            return; // the parser's limits stop this long before; HTTP/2 is bounded by Kestrel's own limits
        }

        var nameRange = Append(name);
        var valueRange = Append(value);
        if (_headerCount == _headers.Length)
        {
            Array.Resize(ref _headers, _headers.Length * 2);
        }

        _headers[_headerCount] = new HeaderEntry(nameRange.Start.Value, name.Length, valueRange.Start.Value, value.Length, isTrailer);
        if (!isTrailer)
        {
            var known = KnownHeaders.Lookup(name);
            if (known >= 0)
            {
                if (_knownIndex[known] < 0)
                {
                    _knownIndex[known] = (short)_headerCount;
                }

                if (_knownCount[known] < byte.MaxValue)
                {
                    _knownCount[known]++;
                }
            }
        }

        _headerCount++;
    }

    internal void CompleteHead(in RequestFraming framing)
    {
        Framing = framing;
        HasHead = true;
        _body = _bodyHead = new Range(_used, _used);
    }

    /// <summary>
    /// Keeps the first <paramref name="budget"/> and the last <paramref name="tailBudget"/> body bytes. Until both are
    /// full the kept bytes are the body's start, contiguous; after that the last <paramref name="tailBudget"/> of them
    /// become a ring the rest of the body cycles through, so a body of any length costs the two budgets.
    /// </summary>
    internal void AppendBody(ReadOnlySpan<byte> data, int budget, int tailBudget)
    {
        BodyReceived += data.Length;
        var kept = _body.End.Value - _body.Start.Value;
        var room = budget + tailBudget - kept;
        if (room > 0)
        {
            var take = Math.Min(room, data.Length);
            var appended = Append(data[..take]);
            _body = _bodyHead = new Range(_body.Start, appended.End);
            data = data[take..];
        }

        if (data.IsEmpty || tailBudget == 0)
        {
            return;
        }

        _bodyHead = new Range(_body.Start, _body.Start.Value + budget);
        var ring = _data.AsSpan(_body.Start.Value + budget, tailBudget);
        if (data.Length >= tailBudget)
        {
            data[^tailBudget..].CopyTo(ring);
            _tailNext = 0;
            return;
        }

        var first = Math.Min(data.Length, tailBudget - _tailNext);
        data[..first].CopyTo(ring[_tailNext..]);
        data[first..].CopyTo(ring);
        _tailNext = (_tailNext + data.Length) % tailBudget;
    }

    /// <summary>Marks the request as refused, keeping up to <paramref name="maxEvidence"/> raw bytes as evidence.</summary>
    public void Reject(RequestRejectionReason reason, in ReadOnlySequence<byte> unread, int maxEvidence)
    {
        Rejection = reason;
        CaptureRaw(unread, maxEvidence);
    }

    /// <summary>Keeps up to <paramref name="maxEvidence"/> bytes of what arrived unparsed, as evidence.</summary>
    public void CaptureRaw(in ReadOnlySequence<byte> unread, int maxEvidence)
    {
        var length = (int)Math.Min(unread.Length, maxEvidence);
        EnsureCapacity(length);
        unread.Slice(0, length).CopyTo(_data.AsSpan(_used));
        _rawEvidence = new Range(_used, _used + length);
        _used += length;
    }

    private Range Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_data.AsSpan(_used));
        var range = new Range(_used, _used + bytes.Length);
        _used += bytes.Length;
        return range;
    }

    private void EnsureCapacity(int extra)
    {
        if (_data.Length - _used >= extra)
        {
            return;
        }

        Grow(extra);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Grow(int extra)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_data.Length * 2, _used + extra));
        _data.AsSpan(0, _used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_data);
        _data = bigger;
    }
}
