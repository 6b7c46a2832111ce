using System.Buffers;

namespace EastWestIds.Identity.Spiffe;

/// <summary>
/// Strict SPIFFE ID validation with go-spiffe's default rules (MESH-SEMANTICS §2.6), allocation-free.
/// </summary>
/// <remarks>
/// Why strict: Envoy writes URI SANs into XFCC without escaping (§2.2), so a certificate whose SAN holds
/// <c>;URI=…</c> could smuggle a second identity into the header (vector xfcc-parse-038). Every byte that could do
/// that (<c>; , = " \</c>) is outside the SPIFFE character set, so validating each URI here closes the hole.
/// The rules: scheme exactly <c>spiffe://</c>; trust domain <c>[a-z0-9._-]+</c>; path empty or <c>/</c>-separated
/// segments of <c>[a-zA-Z0-9._-]+</c>, none of them <c>.</c> or <c>..</c>, no trailing slash; hence no port,
/// userinfo, query, fragment or percent-encoding. Errors are reported in scan order, like go-spiffe
/// (<c>spiffeid/id.go FromString</c>, <c>path.go ValidatePath</c>). Lengths over the limits are not errors (go-spiffe
/// accepts them): see <see cref="SpiffeIdParts.LengthAnomaly"/>.
/// </remarks>
public static class SpiffeIdParser
{
    /// <summary>Longest ID accepted (SPIFFE-ID.md: implementations MUST accept up to 2048 bytes).</summary>
    public const int MaxLength = 2048;

    /// <summary>Longest trust domain a conforming issuer generates (RFC 3986 host limit, SPIFFE-ID.md §2.1).</summary>
    public const int MaxTrustDomainLength = 255;

    private static ReadOnlySpan<byte> Scheme => "spiffe://"u8;

    // §2.6: lower case only in the trust domain (upper case is rejected, not folded: vector spiffe-019).
    private static readonly SearchValues<byte> s_trustDomainChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-_"u8);

    // Segment characters plus the separator: the path is checked in one pass, segments split afterwards.
    private static readonly SearchValues<byte> s_pathChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_/"u8);

    /// <summary>Parses and validates <paramref name="id"/> (UTF-8/ASCII bytes).</summary>
    /// <param name="id">The candidate ID, e.g. the <c>URI</c> value of an XFCC element.</param>
    /// <param name="parts">On success, ranges into <paramref name="id"/>; otherwise default.</param>
    /// <param name="error">On failure, why; otherwise <see cref="SpiffeIdError.None"/>.</param>
    /// <returns>True when <paramref name="id"/> is a SPIFFE ID.</returns>
    public static bool TryParse(ReadOnlySpan<byte> id, out SpiffeIdParts parts, out SpiffeIdError error)
        => TryParse(id, out parts, out error, out _);

    /// <summary>Parses and validates <paramref name="id"/>, also telling where the first offending byte is.</summary>
    /// <param name="id">The candidate ID.</param>
    /// <param name="parts">On success, ranges into <paramref name="id"/>; otherwise default.</param>
    /// <param name="error">On failure, why; otherwise <see cref="SpiffeIdError.None"/>.</param>
    /// <param name="errorOffset">
    /// On failure, the offset in <paramref name="id"/> where the problem was found (for evidence, and to tell a
    /// trust-domain error from a path error: it is in the trust domain when there is no <c>/</c> between offset 9 and
    /// it); -1 on success.
    /// </param>
    /// <returns>True when <paramref name="id"/> is a SPIFFE ID.</returns>
    public static bool TryParse(ReadOnlySpan<byte> id, out SpiffeIdParts parts, out SpiffeIdError error, out int errorOffset)
    {
        parts = default;
        if (id.IsEmpty)
        {
            return Fail(SpiffeIdError.Empty, 0, out error, out errorOffset);
        }

        // Case-sensitive on purpose: go-spiffe rejects "SPIFFE://" although SPIFFE-ID.md calls the scheme case-insensitive.
        if (!id.StartsWith(Scheme))
        {
            return Fail(SpiffeIdError.WrongScheme, 0, out error, out errorOffset);
        }

        int tdStart = Scheme.Length;
        int tdEnd;
        int bad = id.Slice(tdStart).IndexOfAnyExcept(s_trustDomainChars);
        if (bad < 0)
        {
            tdEnd = id.Length;
        }
        else
        {
            tdEnd = tdStart + bad;
            if (id[tdEnd] != (byte)'/')
            {
                return Fail(ClassifyTrustDomainByte(id, tdEnd), tdEnd, out error, out errorOffset);
            }
        }

        if (tdEnd == tdStart)
        {
            return Fail(SpiffeIdError.MissingTrustDomain, tdStart, out error, out errorOffset);
        }

        // Path: each segment is "/" + one or more path characters. One vectorised pass finds the first byte that is
        // neither; segments are then split with IndexOf('/') up to it. A segment error before that byte is reported
        // first, as go-spiffe's left-to-right ValidatePath does (a segment is judged at the '/' that ends it).
        int badAt = id.Slice(tdEnd).IndexOfAnyExcept(s_pathChars);
        int validEnd = badAt < 0 ? id.Length : tdEnd + badAt;
        int segmentCount = 0;
        Range seg0 = default, seg1 = default, seg2 = default, seg3 = default;
        int position = tdEnd;
        while (position < validEnd)
        {
            int segmentStart = position + 1;
            int slash = id[segmentStart..validEnd].IndexOf((byte)'/');
            int segmentEnd = slash < 0 ? validEnd : segmentStart + slash;
            if (slash < 0 && validEnd < id.Length)
            {
                break; // this segment runs into the offending byte: that byte is the error
            }

            int segmentLength = segmentEnd - segmentStart;
            if (segmentLength == 0)
            {
                var emptyError = segmentEnd == id.Length ? SpiffeIdError.TrailingSlash : SpiffeIdError.EmptySegment;
                return Fail(emptyError, segmentStart, out error, out errorOffset);
            }

            if (id[segmentStart] == (byte)'.' && (segmentLength == 1 || (segmentLength == 2 && id[segmentStart + 1] == (byte)'.')))
            {
                return Fail(SpiffeIdError.DotSegment, segmentStart, out error, out errorOffset);
            }

            switch (segmentCount)
            {
                case 0: seg0 = new Range(segmentStart, segmentEnd); break;
                case 1: seg1 = new Range(segmentStart, segmentEnd); break;
                case 2: seg2 = new Range(segmentStart, segmentEnd); break;
                case 3: seg3 = new Range(segmentStart, segmentEnd); break;
            }

            segmentCount++;
            position = segmentEnd;
        }

        if (validEnd < id.Length)
        {
            return Fail(ClassifyPathByte(id[validEnd]), validEnd, out error, out errorOffset);
        }

        // Istio pkg/spiffe ParseIdentity: exactly td/ns/<ns>/sa/<sa>, keywords case-sensitive (vectors spiffe-103/104).
        bool isIstio = segmentCount == 4 && id[seg0].SequenceEqual("ns"u8) && id[seg2].SequenceEqual("sa"u8);
        parts = new SpiffeIdParts(
            new Range(tdStart, tdEnd),
            new Range(tdEnd, id.Length),
            isIstio,
            isIstio ? seg1 : default,
            isIstio ? seg3 : default);
        error = SpiffeIdError.None;
        errorOffset = -1;
        return true;
    }

    private static SpiffeIdError ClassifyTrustDomainByte(ReadOnlySpan<byte> id, int offset)
    {
        switch (id[offset])
        {
            case (byte)'@':
                return SpiffeIdError.HasUserInfo;
            case (byte)':':
                // "user:pass@host" has its first ':' before the '@': that is userinfo, not a port.
                var authority = id.Slice(offset);
                int slash = authority.IndexOf((byte)'/');
                if (slash >= 0)
                {
                    authority = authority.Slice(0, slash);
                }

                return authority.Contains((byte)'@') ? SpiffeIdError.HasUserInfo : SpiffeIdError.HasPort;
            case (byte)'%':
                return SpiffeIdError.PercentEncoded;
            case (byte)'?':
            case (byte)'#':
                return SpiffeIdError.HasQueryOrFragment;
            default:
                return SpiffeIdError.BadTrustDomainChar;
        }
    }

    private static SpiffeIdError ClassifyPathByte(byte b) => b switch
    {
        (byte)'%' => SpiffeIdError.PercentEncoded,
        (byte)'?' or (byte)'#' => SpiffeIdError.HasQueryOrFragment,
        _ => SpiffeIdError.BadPathChar,
    };

    private static bool Fail(SpiffeIdError reason, int offset, out SpiffeIdError error, out int errorOffset)
    {
        error = reason;
        errorOffset = offset;
        return false;
    }
}
