using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.uri</c>, normalized like libhtp does for Suricata, plus what attackers use against normalizers:
/// an absolute-form target loses its <c>scheme://authority</c>; the path is percent-decoded until stable (see
/// <see cref="PercentDecoder"/>; <c>%2f</c> becomes a separator, as it does for most backends), overlong UTF-8 is
/// shortened, then <see cref="PathNormalizer"/> resolves <c>\</c>, <c>//</c>, <c>.</c> and <c>..</c>; the query is
/// percent-decoded until stable but keeps <c>+</c> (a URI is not a form; libhtp's default too). Rules that need
/// <c>+</c> as a space use <c>http.arg</c>, where it is one.
/// </summary>
public sealed partial class RequestBuffers
{
    private void AddNormalizedUri(SegmentList list)
    {
        ReadOnlySpan<byte> target = Request.Target;
        ReadOnlySpan<byte> rest = target[UriParts.AbsolutePrefixLength(target)..];
        if (rest.IsEmpty)
        {
            return;
        }

        Span<byte> space = BeginArena(rest.Length);
        rest = rest[..space.Length];
        int q = rest.IndexOf((byte)'?');
        ReadOnlySpan<byte> path = q < 0 ? rest : rest[..q];

        int w = PercentDecoder.DecodeUntilStable(path, space, plusAsSpace: false, ref _anomalies);
        w = ShortenOverlong(space, w);
        w = PathNormalizer.Normalize(space[..w]);
        if (q >= 0)
        {
            // space[w..] is at least as long as the query: the decoded, normalized path is never longer than the raw one.
            space[w++] = (byte)'?';
            Span<byte> queryOut = space[w..];
            int qw = PercentDecoder.DecodeUntilStable(rest[(q + 1)..], queryOut, plusAsSpace: false, ref _anomalies);
            w += ShortenOverlong(queryOut, qw);
        }

        FlagNul(space[..w]);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(w), w));
    }

    /// <summary>Shortens overlong UTF-8 in <paramref name="span"/>[..length] in place; returns the new length.</summary>
    private int ShortenOverlong(Span<byte> span, int length) =>
        OverlongUtf8Decoder.MayContainOverlong(span[..length]) ? OverlongUtf8Decoder.Decode(span[..length], span, ref _anomalies) : length;
}
