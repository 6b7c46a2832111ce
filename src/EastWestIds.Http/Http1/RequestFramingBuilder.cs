using System.Runtime.CompilerServices;
using System.Text;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

/// <summary>
/// Collects, while the header fields go by, what decides where the body ends and whether the connection stays
/// open; <see cref="Build"/> then applies the cross-field rules. This is the smuggling gate: every field that
/// changes framing is judged here, and anything two parsers could read differently is rejected (RFC 9112 §6).
/// </summary>
/// <remarks>
/// Per-field problems (a malformed or conflicting Content-Length, a second Host) are reported at the field;
/// combinations (Content-Length with Transfer-Encoding, Transfer-Encoding on HTTP/1.0, no Host) at the end of
/// the head, so the reason does not depend on field order.
/// </remarks>
internal struct RequestFramingBuilder
{
    private long _contentLength;
    private bool _hasContentLength;
    private int _transferEncodingLines;
    private bool _transferEncodingIsChunked;
    private int _hostLines;
    private bool _connectionClose;
    private bool _connectionKeepAlive;
    private bool _expectContinue;

    /// <summary>The version from the request line.</summary>
    public HttpVersion Version;

    /// <summary>Looks at one header field; returns a reason when the field alone makes the request invalid.</summary>
    public RequestRejectionReason Observe(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        // Only five names matter; the length test keeps every other field to one compare.
        switch (name.Length)
        {
            case 4 when Ascii.EqualsIgnoreCase(name, "host"u8):
                return ObserveHost(value);
            case 6 when Ascii.EqualsIgnoreCase(name, "expect"u8):
                // RFC 9110 §10.1.1: 100-continue is the only expectation; others are ignored, not refused.
                _expectContinue |= Ascii.EqualsIgnoreCase(value, "100-continue"u8);
                return RequestRejectionReason.None;
            case 10 when Ascii.EqualsIgnoreCase(name, "connection"u8):
                ObserveConnection(value);
                return RequestRejectionReason.None;
            case 14 when Ascii.EqualsIgnoreCase(name, "content-length"u8):
                return ObserveContentLength(value);
            case 17 when Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8):
                // RFC 9112 §6.1: chunked must be the final coding and we decode no other, so the only value
                // we accept is exactly "chunked" on one field line; anything else is judged in Build.
                _transferEncodingLines++;
                _transferEncodingIsChunked = Ascii.EqualsIgnoreCase(value, "chunked"u8);
                return RequestRejectionReason.None;
            default:
                return RequestRejectionReason.None;
        }
    }

    /// <summary>Applies the rules that need the whole head and produces the framing.</summary>
    public readonly RequestRejectionReason Build(out RequestFraming framing)
    {
        framing = default;
        BodyFraming body = BodyFraming.None;
        if (_transferEncodingLines > 0)
        {
            // RFC 9112 §6.1: a message with both "ought to be handled as an error"; the classic CL.TE / TE.CL desync.
            if (_hasContentLength)
            {
                return RequestRejectionReason.ContentLengthWithTransferEncoding;
            }

            // RFC 9112 §6.1: TE on HTTP/1.0 means faulty framing; §6.3 rule 4: chunked not final → 400.
            // Two TE lines (even both "chunked") would be "chunked, chunked": not something we decode.
            if (_transferEncodingLines > 1 || !_transferEncodingIsChunked || Version != HttpVersion.Http11)
            {
                return RequestRejectionReason.ObfuscatedTransferEncoding;
            }

            body = BodyFraming.Chunked;
        }
        else if (_hasContentLength)
        {
            body = BodyFraming.ContentLength;
        }

        // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400, whatever the target form.
        if (_hostLines == 0 && Version == HttpVersion.Http11)
        {
            return RequestRejectionReason.MissingHost;
        }

        // RFC 9112 §9.3: HTTP/1.1 is persistent unless "close"; HTTP/1.0 only with "keep-alive" (§C.2.2).
        bool keepAlive = Version == HttpVersion.Http11 ? !_connectionClose : _connectionKeepAlive && !_connectionClose;

        // RFC 9110 §10.1.1: a 100-continue expectation in an HTTP/1.0 request MUST be ignored.
        bool expectContinue = _expectContinue && Version == HttpVersion.Http11;
        framing = new RequestFraming(Version, body, body == BodyFraming.ContentLength ? _contentLength : 0, keepAlive, expectContinue);
        return RequestRejectionReason.None;
    }

    private RequestRejectionReason ObserveHost(ReadOnlySpan<byte> value)
    {
        // RFC 9112 §3.2: more than one Host line, or an invalid Host value, is a 400.
        if (++_hostLines > 1)
        {
            return RequestRejectionReason.MultipleHost;
        }

        return value.IndexOfAnyExcept(HostCharacters) >= 0 ? RequestRejectionReason.InvalidHeaderValue : RequestRejectionReason.None;
    }

    private void ObserveConnection(ReadOnlySpan<byte> value)
    {
        // Connection = #connection-option (RFC 9110 §7.6.1): a comma list of case-insensitive tokens.
        while (true)
        {
            int comma = value.IndexOf(ByteComma);
            ReadOnlySpan<byte> option = TrimWhitespace(comma < 0 ? value : value[..comma]);
            _connectionClose |= Ascii.EqualsIgnoreCase(option, "close"u8);
            _connectionKeepAlive |= Ascii.EqualsIgnoreCase(option, "keep-alive"u8);
            if (comma < 0)
            {
                return;
            }

            value = value[(comma + 1)..];
        }
    }

    private RequestRejectionReason ObserveContentLength(ReadOnlySpan<byte> value)
    {
        // RFC 9110 §8.6 / RFC 9112 §6.3 rule 5: 1*DIGIT; a list of identical values ("5, 5") or repeated
        // identical fields may be taken as one; differing values are a smuggling attempt.
        while (true)
        {
            int comma = value.IndexOf(ByteComma);
            if (!TryParseDecimal(TrimWhitespace(comma < 0 ? value : value[..comma]), out long length))
            {
                return RequestRejectionReason.InvalidContentLength;
            }

            if (_hasContentLength && length != _contentLength)
            {
                return RequestRejectionReason.ConflictingContentLength;
            }

            _hasContentLength = true;
            _contentLength = length;
            if (comma < 0)
            {
                return RequestRejectionReason.None;
            }

            value = value[(comma + 1)..];
        }
    }

    /// <summary>Digits only: no sign, no spaces, no hex; false on overflow of <see cref="long"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseDecimal(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            int digit = b - '0';
            if (value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
