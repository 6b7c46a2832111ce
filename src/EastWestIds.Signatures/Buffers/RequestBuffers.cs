using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// The inspection buffers of one request, decoded lazily. One instance per worker thread, reused for every request:
/// <see cref="Reset"/> only remembers the view and forgets what was decoded, and each buffer is decoded the first
/// time <see cref="Count"/> or <see cref="Get"/> asks for it, into scratch memory (an arena and segment tables) that
/// grows rarely and is never reallocated per request, so a warmed-up worker decodes a benign request without
/// allocating. Values that need no decoding (an unencoded argument, a single header) are served from the request's
/// own memory without copying.
/// <para>
/// What each buffer holds (Suricata's meaning where Suricata has the buffer):
/// <c>http.method</c> as sent; <c>http.uri</c> the normalized target (see <c>RequestBuffers.Uri.cs</c>);
/// <c>http.uri.raw</c> the target as sent; <c>http.request_line</c> <c>METHOD target PROTOCOL</c>;
/// <c>http.header</c> <c>Name: value\r\n</c> per header except Cookie (Suricata leaves Cookie to <c>http.cookie</c>);
/// <c>http.header.raw</c> the same with Cookie (header order and case as sent; the view has already dropped the
/// original whitespace); <c>http.header_names</c> <c>\r\nName1\r\nName2\r\n\r\n</c>; <c>http.cookie</c>,
/// <c>http.user_agent</c>, <c>http.referer</c>, <c>http.content_type</c> the header value (repeated headers joined
/// with <c>, </c>, cookies with <c>; </c>); <c>http.host</c> lower-cased, without port, from an absolute-form target
/// or else the Host header; <c>http.request_body</c> the body with its content codings undone (still a prefix if
/// the body was truncated), and a second value, the same text in UTF-8, when it was in UTF-16, UTF-32 or EBCDIC; <c>file.name</c>/<c>file.data</c> one value per multipart file part;
/// <c>http.arg</c>/<c>http.arg_name</c> one value per argument (see <c>RequestBuffers.Args.cs</c>);
/// <c>http.cookie_value</c>/<c>http.cookie_name</c>/<c>http.cookie_pair</c> one per cookie, as sent
/// (see <c>RequestBuffers.Cookies.cs</c>);
/// <c>http.arg.offdomain_url</c> the <c>http.arg</c> values that are a URL off the request's domain
/// (<c>RequestBuffers.OffDomain.cs</c>); <c>mesh.*</c> from the view; <see cref="InspectionBuffer.Payload"/> the request as received: request line,
/// header lines, an empty line, and the body as sent (still content-encoded), like Suricata's stream payload;
/// <c>http.protocol</c> the request line's protocol; <c>http.start</c> the request line and every header line
/// (Cookie included) ended by an empty line; <c>http.accept</c>, <c>http.accept_enc</c>, <c>http.accept_lang</c>,
/// <c>http.connection</c>, <c>http.content_len</c> the header value (repeats joined with <c>, </c>);
/// <c>http.host.raw</c> the host of an absolute-form target as sent, else the Host header value(s) as sent, port
/// included; <c>http.request_header</c> one value per header field, <c>Name: value</c> (Suricata 7's multi-buffer).
/// </para>
/// Not thread-safe: one per worker. Spans from <see cref="Get"/> are valid until the next <see cref="Reset"/>.
/// </summary>
public sealed partial class RequestBuffers : IInspectionBuffers
{
    private const int BufferKinds = InspectionBufferKinds.Count;

    private readonly RequestBufferLimits _limits;
    private readonly ByteArena _arena;
    private readonly ContentDecompressor _decompressor;
    private readonly BodyTranscoder _transcoder;
    private readonly SegmentList[] _lists;
    private IRequestView? _request;
    private ulong _decoded;
    private DecodingAnomalies _anomalies;

    /// <summary>Creates the buffers of one worker with <see cref="RequestBufferLimits.Default"/>.</summary>
    public RequestBuffers()
        : this(RequestBufferLimits.Default)
    {
    }

    /// <summary>Creates the buffers of one worker with the given budgets.</summary>
    public RequestBuffers(RequestBufferLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        _limits = limits;
        _arena = new ByteArena(limits.MaxDecodedBytes, 16 * 1024);
        _decompressor = new ContentDecompressor(limits.MaxDecompressedBodyBytes, limits.MaxCompressionRatio);
        _transcoder = new BodyTranscoder(limits.MaxDecompressedBodyBytes);
        _lists = new SegmentList[BufferKinds];
        for (int i = 0; i < _lists.Length; i++)
        {
            _lists[i] = new SegmentList();
        }
    }

    /// <summary>
    /// What decoding found so far: for the buffers decoded since <see cref="Reset"/> only (call <see cref="DecodeAll"/>
    /// first for the whole request). <see cref="DecodingAnomalies.BodyTruncated"/> is known from the start.
    /// </summary>
    public DecodingAnomalies Anomalies => _anomalies;

    /// <summary>Starts a new request: remembers <paramref name="request"/> and forgets every decoded buffer. O(1).</summary>
    public void Reset(IRequestView request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _decoded = 0;
        _anomalies = request.BodyTruncated ? DecodingAnomalies.BodyTruncated : DecodingAnomalies.None;
        _arena.Reset();
        ResetBody();
        ResetHeaderTable();
    }

    /// <summary>Decodes every buffer, so that <see cref="Anomalies"/> describes the whole request.</summary>
    public void DecodeAll()
    {
        for (int i = 0; i < BufferKinds; i++)
        {
            EnsureDecoded((InspectionBuffer)i);
        }
    }

    /// <inheritdoc/>
    public int Count(InspectionBuffer buffer)
    {
        EnsureDecoded(buffer);
        return _lists[(int)buffer].Count;
    }

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Get(InspectionBuffer buffer, int index)
    {
        EnsureDecoded(buffer);
        SegmentList list = _lists[(int)buffer];
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)list.Count, nameof(index));
        return Resolve(list[index]);
    }

    /// <inheritdoc/>
    public int CopyValues(InspectionBuffer buffer, Span<byte> destination, Span<int> lengths)
    {
        EnsureDecoded(buffer);
        ReadOnlySpan<Segment> segments = _lists[(int)buffer].Items;
        ArgumentOutOfRangeException.ThrowIfLessThan(lengths.Length, segments.Length, nameof(lengths));
        int total = 0;
        foreach (Segment s in segments)
        {
            total += s.Length;
        }

        if (total > destination.Length)
        {
            return total;
        }

        // Where the values live is looked up once for the buffer, not once per value (a JSON body has dozens).
        ReadOnlySpan<byte> body = default, target = default;
        bool haveBody = false, haveTarget = false;
        int at = 0;
        for (int v = 0; v < segments.Length; v++)
        {
            Segment s = segments[v];
            ReadOnlySpan<byte> value;
            if (s.Source == SegmentSource.Arena)
            {
                value = _arena.Slice(s.Start, s.Length);
            }
            else if (s.Source == SegmentSource.DecodedBody)
            {
                body = haveBody ? body : DecodedBody;
                haveBody = true;
                value = body.Slice(s.Start, s.Length);
            }
            else if (s.Source == SegmentSource.TranscodedBody)
            {
                value = TranscodedSlice(s);
            }
            else if (s.Source == SegmentSource.Target)
            {
                target = haveTarget ? target : Request.Target;
                haveTarget = true;
                value = target.Slice(s.Start, s.Length);
            }
            else
            {
                value = Resolve(s)[..s.Length];
            }

            value.CopyTo(destination[at..]);
            lengths[v] = s.Length;
            at += s.Length;
        }

        return total;
    }

    private IRequestView Request => _request ?? throw new InvalidOperationException("Reset(request) must be called before reading buffers.");

    private ReadOnlySpan<byte> Resolve(Segment s) => s.Source switch
    {
        SegmentSource.Arena => _arena.Slice(s.Start, s.Length),
        SegmentSource.DecodedBody => DecodedBody.Slice(s.Start, s.Length),
        SegmentSource.TranscodedBody => TranscodedSlice(s),
        SegmentSource.Target => Request.Target.Slice(s.Start, s.Length),
        SegmentSource.HeaderValue => Request.HeaderValue(s.Start),
        SegmentSource.Method => Request.Method,
        SegmentSource.SourcePrincipal => Request.SourcePrincipal,
        SegmentSource.Protocol => Request.Protocol,
        SegmentSource.CookieHeader => Request.HeaderValue(_cookieHeader.Start).Slice(s.Start, s.Length),
        SegmentSource.DestinationService => Request.DestinationService,
        _ => TailSlice(s),
    };

    // Out of line: a transcoded body is rare, and Resolve, on every value read, stays small without it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ReadOnlySpan<byte> TranscodedSlice(Segment s) => TranscodedBody.Slice(s.Start, s.Length);

    // Out of line for the same reason: only a body longer than both budgets has a tail.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ReadOnlySpan<byte> TailSlice(Segment s) => Request.BodyTail.Slice(s.Start, s.Length);

    private void EnsureDecoded(InspectionBuffer buffer)
    {
        ulong bit = 1UL << (int)buffer;
        if ((uint)buffer >= BufferKinds)
        {
            throw new ArgumentOutOfRangeException(nameof(buffer), buffer, "not an inspection buffer");
        }

        if ((_decoded & bit) != 0)
        {
            return;
        }

        IRequestView request = Request;
        switch (buffer)
        {
            case InspectionBuffer.HttpArg or InspectionBuffer.HttpArgName or InspectionBuffer.FileName or InspectionBuffer.FileData:
                DecodeArguments(); // fills all four at once
                return;
            case InspectionBuffer.HttpCookieValue or InspectionBuffer.HttpCookieName or InspectionBuffer.HttpCookiePair:
                SplitCookies(); // fills all three, from http.cookie
                return;
            case InspectionBuffer.JwtHeader or InspectionBuffer.JwtPayload:
                DecodeJwts(); // fills both, from the header values and http.arg
                return;
            case InspectionBuffer.HttpRequestBody:
                DecodeRequestBody();
                break;
            case InspectionBuffer.HttpArgOffDomainUrl:
                SelectOffDomainUrls(); // after http.arg and http.host, which it reads
                break;
            default:
                DecodeSimple(buffer, request, _lists[(int)buffer]);
                break;
        }

        _decoded |= bit;
    }

    private void DecodeSimple(InspectionBuffer buffer, IRequestView request, SegmentList list)
    {
        list.Clear();
        switch (buffer)
        {
            case InspectionBuffer.Payload: AddPayload(list); break;
            case InspectionBuffer.HttpMethod: AddIfNotEmpty(list, SegmentSource.Method, request.Method.Length); break;
            case InspectionBuffer.HttpUri: AddNormalizedUri(list); break;
            case InspectionBuffer.HttpUriRaw: AddIfNotEmpty(list, SegmentSource.Target, request.Target.Length); break;
            case InspectionBuffer.HttpRequestLine: AddRequestLine(list); break;
            case InspectionBuffer.HttpHeader: AddHeaderLines(list, includeCookie: false); break;
            case InspectionBuffer.HttpHeaderRaw: AddHeaderLines(list, includeCookie: true); break;
            case InspectionBuffer.HttpHeaderNames: AddHeaderNames(list); break;
            case InspectionBuffer.HttpCookie: AddHeaderValue(list, HeaderKind.Cookie, "; "u8); break;
            case InspectionBuffer.HttpUserAgent: AddHeaderValue(list, HeaderKind.UserAgent, ", "u8); break;
            case InspectionBuffer.HttpReferer: AddHeaderValue(list, HeaderKind.Referer, ", "u8); break;
            case InspectionBuffer.HttpContentType: AddHeaderValue(list, HeaderKind.ContentType, ", "u8); break;
            case InspectionBuffer.HttpHost: AddHost(list); break;
            case InspectionBuffer.HttpHostRaw: AddHostRaw(list); break;
            case InspectionBuffer.HttpProtocol: AddIfNotEmpty(list, SegmentSource.Protocol, request.Protocol.Length); break;
            case InspectionBuffer.HttpStart: AddStart(list); break;
            case InspectionBuffer.HttpAccept: AddHeaderValue(list, HeaderKind.Accept, ", "u8); break;
            case InspectionBuffer.HttpAcceptEnc: AddHeaderValue(list, HeaderKind.AcceptEncoding, ", "u8); break;
            case InspectionBuffer.HttpAcceptLang: AddHeaderValue(list, HeaderKind.AcceptLanguage, ", "u8); break;
            case InspectionBuffer.HttpConnection: AddHeaderValue(list, HeaderKind.Connection, ", "u8); break;
            case InspectionBuffer.HttpContentLen: AddHeaderValue(list, HeaderKind.ContentLength, ", "u8); break;
            case InspectionBuffer.HttpRequestHeader: AddRequestHeaders(list); break;
            case InspectionBuffer.HttpHeaderValue: AddHeaderValues(list); break;
            case InspectionBuffer.MeshSourcePrincipal: AddIfNotEmpty(list, SegmentSource.SourcePrincipal, request.SourcePrincipal.Length); break;
            case InspectionBuffer.MeshDestinationService: AddIfNotEmpty(list, SegmentSource.DestinationService, request.DestinationService.Length); break;
        }
    }

    private static void AddIfNotEmpty(SegmentList list, SegmentSource source, int length)
    {
        if (length > 0)
        {
            list.Add(new Segment(source, 0, length));
        }
    }

    /// <summary>Room in the arena for <paramref name="wanted"/> bytes; flags the budget when less is left.</summary>
    private Span<byte> BeginArena(int wanted)
    {
        Span<byte> space = _arena.Begin(wanted);
        if (space.Length < wanted)
        {
            _anomalies |= DecodingAnomalies.DecodeBudgetExceeded;
        }

        return space;
    }

    private void FlagNul(ReadOnlySpan<byte> value)
    {
        if (value.IndexOf((byte)0) >= 0)
        {
            _anomalies |= DecodingAnomalies.NullByte;
        }
    }
}
