using System.Runtime.CompilerServices;
using EastWestIds.Http.Http1;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http;

/// <summary>
/// Splits and validates one field line (RFC 9112 §5: <c>field-name ":" OWS field-value OWS</c>). Shared by header
/// fields and trailer fields; the caller maps the reason for trailers.
/// </summary>
internal static class HttpFieldLine
{
    /// <summary>
    /// Parses one line, CRLF already removed. Returns <see cref="RequestRejectionReason.None"/> and the name and
    /// trimmed value, or the reason the line is not a field line. The spans are slices of <paramref name="line"/>.
    /// </summary>
    public static RequestRejectionReason Parse(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        int colon = line.IndexOfAnyExcept(Token);
        if (colon <= 0 || line[colon] != ByteColon)
        {
            name = default;
            value = default;
            return RejectName(line);
        }

        name = line[..colon];
        ReadOnlySpan<byte> raw = line[(colon + 1)..];

        // RFC 9110 §5.5: field values are VCHAR, obs-text, SP and HTAB; CTLs (NUL, a lone CR, ...) and DEL
        // are rejected rather than replaced, since another parser may treat them differently.
        if (raw.IndexOfAny(FieldValueForbidden) >= 0)
        {
            value = default;
            return RequestRejectionReason.ControlCharacterInHeader;
        }

        value = TrimWhitespace(raw);
        return RequestRejectionReason.None;
    }

    /// <summary>
    /// Parses the field line at the start of <paramref name="fields"/>, a run of CRLF-terminated lines (the rest of
    /// a located head), finding the line end with the same scan that validates the value: one pass over the value
    /// instead of two on the hot path. <paramref name="lineLength"/> includes the CRLF.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RequestRejectionReason ParseFirst(ReadOnlySpan<byte> fields, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out int lineLength)
    {
        name = default;
        value = default;
        lineLength = 0;
        int colon = fields.IndexOfAnyExcept(Token);
        if (colon <= 0 || fields[colon] != ByteColon)
        {
            return RejectName(fields, colon);
        }

        ReadOnlySpan<byte> rest = fields[(colon + 1)..];

        // The first byte that is not allowed in a value must be the CR of the line's CRLF; anything else (a
        // NUL, a lone CR, DEL, a bare LF) makes the line invalid (RFC 9110 §5.5, RFC 9112 §2.2).
        int end = rest.IndexOfAny(FieldValueForbidden);
        if (end < 0 || rest[end] != ByteCR || (uint)(end + 1) >= (uint)rest.Length || rest[end + 1] != ByteLF)
        {
            return end >= 0 && rest[end] == ByteLF ? RequestRejectionReason.BareLineFeed : RequestRejectionReason.ControlCharacterInHeader;
        }

        name = fields[..colon];
        value = TrimWhitespace(rest[..end]);
        lineLength = colon + end + 3;
        return RequestRejectionReason.None;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason RejectName(ReadOnlySpan<byte> line, int firstNonToken = -1)
    {
        // A LF reached while looking for the colon ends the line without its CR.
        if (firstNonToken >= 0 && line[firstNonToken] == ByteLF)
        {
            return RequestRejectionReason.BareLineFeed;
        }

        // RFC 9112 §5.2: obs-fold (a line starting with SP/HTAB continues the previous one) is rejected;
        // §2.2: whitespace between the start line and the first field is rejected the same way.
        if (!line.IsEmpty && IsWhitespace(line[0]))
        {
            return RequestRejectionReason.HeaderLineFolding;
        }

        // RFC 9112 §5.1: no whitespace between field name and colon ("Transfer-Encoding : chunked"); an empty
        // name, a non-token byte or a line without a colon is equally not a field line.
        return RequestRejectionReason.InvalidHeaderName;
    }
}
