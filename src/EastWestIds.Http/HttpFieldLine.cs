using System.Runtime.CompilerServices;
using EastWestIds.Http.Http1;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http;

/// <summary>
/// Splits and validates one field line (RFC 9112 §5: <c>field-name ":" OWS field-value OWS</c>), CRLF already
/// removed. Shared by header fields and trailer fields; the caller maps the reason for trailers.
/// </summary>
internal static class HttpFieldLine
{
    /// <summary>
    /// Returns <see cref="RequestRejectionReason.None"/> and the name and trimmed value, or the reason the line
    /// is not a field line. The spans are slices of <paramref name="line"/>.
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason RejectName(ReadOnlySpan<byte> line)
    {
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
