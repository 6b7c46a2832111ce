using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.cookie_value</c> / <c>http.cookie_name</c> / <c>http.cookie_pair</c>, split together on first use from
/// <c>http.cookie</c> (every Cookie header, joined with <c>; </c>): pairs are split on <c>;</c>, a pair at its first
/// <c>=</c>, and spaces and tabs around names and values are dropped, as RFC 6265 §5.4 parses a Cookie header. A pair
/// without <c>=</c> is a value with an empty name, as RFC 6265bis reads it and as an attacker's bare <c>Cookie: exec
/// …</c> reaches a server that reads the header itself. Like <c>http.arg</c>/<c>http.arg_name</c>, the lists have one
/// entry per cookie, in order, empty names and values included (an empty pair, <c>;;</c>, is no cookie);
/// <c>http.cookie_pair</c> has the whole <c>name=value</c> of each, for a rule that reads names and values alike (as
/// CRS reads <c>REQUEST_COOKIES</c> and <c>REQUEST_COOKIES_NAMES</c>) and must not see one cookie run into the next.
/// Nothing is decoded: cookies have no standard encoding, so a rule says which transform it means (<c>url_decode</c>
/// for the PHP and Java readers).
/// <para>
/// Why a buffer per cookie: a browser's Cookie header is one to three kilobytes of consent, analytics and session
/// cookies, and a pattern anchored at a value's start, or a detector reading one SQL or HTML fragment, must see one
/// cookie at a time, not the whole jar. Values are references into the header (or into the joined copy when there
/// are several Cookie headers), never copies. Each list holds at most <see cref="RequestBufferLimits.MaxArgs"/>
/// entries, the first and the newest (<see cref="Decoding.DecodingAnomalies.TooManyArgs"/>).
/// </para>
/// </summary>
public sealed partial class RequestBuffers
{
    private const ulong CookieBits = (1UL << (int)InspectionBuffer.HttpCookieValue) | (1UL << (int)InspectionBuffer.HttpCookieName)
        | (1UL << (int)InspectionBuffer.HttpCookiePair);

    /// <summary>The segment the cookie segments are relative to: the one Cookie header, or the joined copy in the arena.</summary>
    private Segment _cookieHeader;

    private void SplitCookies()
    {
        SegmentList values = _lists[(int)InspectionBuffer.HttpCookieValue];
        SegmentList names = _lists[(int)InspectionBuffer.HttpCookieName];
        SegmentList pairs = _lists[(int)InspectionBuffer.HttpCookiePair];
        values.Clear();
        names.Clear();
        pairs.Clear();
        _decoded |= CookieBits;

        if (Count(InspectionBuffer.HttpCookie) == 0)
        {
            return;
        }

        _cookieHeader = _lists[(int)InspectionBuffer.HttpCookie][0];
        ReadOnlySpan<byte> header = Resolve(_cookieHeader)[.._cookieHeader.Length];
        for (int start = 0; start < header.Length;)
        {
            int semicolon = header[start..].IndexOf((byte)';');
            int end = semicolon < 0 ? header.Length : start + semicolon;
            int eq = header[start..end].IndexOf((byte)'=');
            (int nameStart, int nameEnd) = eq < 0 ? (start, start) : Trimmed(header, start, start + eq);
            (int valueStart, int valueEnd) = Trimmed(header, eq < 0 ? start : start + eq + 1, end);
            (int pairStart, int pairEnd) = Trimmed(header, start, end);
            if (pairStart < pairEnd)
            {
                AddCookiePart(names, nameStart, nameEnd);
                AddCookiePart(values, valueStart, valueEnd);
                AddCookiePart(pairs, pairStart, pairEnd);
            }

            start = end + 1;
        }
    }

    /// <summary>Adds <c>header[start..end]</c> within the argument budget (the first and the newest; flagged past it).</summary>
    private void AddCookiePart(SegmentList list, int start, int end)
    {
        if (_cookieHeader.Source == SegmentSource.Arena)
        {
            AddReference(list, SegmentSource.Arena, _cookieHeader.Start + start, end - start);
        }
        else
        {
            AddReference(list, SegmentSource.CookieHeader, start, end - start);
        }
    }

    /// <summary>The range without the spaces and tabs at either end.</summary>
    private static (int Start, int End) Trimmed(ReadOnlySpan<byte> text, int start, int end)
    {
        while (start < end && text[start] is (byte)' ' or (byte)'\t')
        {
            start++;
        }

        while (end > start && text[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return (start, end);
    }
}
