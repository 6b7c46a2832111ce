using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.uri</c>, normalized like libhtp does for Suricata, plus what attackers use against normalizers:
/// an absolute-form target loses its <c>scheme://authority</c>; the path is percent-decoded until stable (see
/// <see cref="PercentDecoder"/>; <c>%2f</c> becomes a separator, as it does for most backends), overlong UTF-8 is
/// shortened, then <see cref="PathNormalizer"/> resolves <c>\</c>, <c>//</c>, <c>.</c> and <c>..</c>; the query is
/// percent-decoded until stable but keeps <c>+</c> (a URI is not a form; libhtp's default too). Rules that need
/// <c>+</c> as a space use <c>http.arg</c>, where it is one. A path with path parameters (<c>;</c> in a segment) is
/// read as Tomcat, Jetty and Spring read it (<see cref="PathParameters"/>), and as sent in a second value.
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
        ReadOnlySpan<byte> query = q < 0 ? default : rest[q..];

        // A ';' would hide any path from rules that read it as sent (PathParameters says why). The path as the server
        // reads it is the first value (what a rule finds in both is reported as the server saw it); the request's own
        // reading, parameters and all, the second (rules on the parameters themselves, e.g. ";jsessionid=").
        bool parameters = PathParameters.Present(path);
        ReadOnlySpan<byte> read = parameters ? space[..PathParameters.Remove(path, space)] : path;
        int w = PercentDecoder.DecodeUntilStable(read, space, plusAsSpace: false, ref _anomalies);
        w = NormalizeDecodedUri(space, w, query);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(w), w));
        if (parameters)
        {
            space = BeginArena(rest.Length);
            if (space.Length == rest.Length)
            {
                w = PercentDecoder.DecodeUntilStable(path, space, plusAsSpace: false, ref _anomalies);
                w = NormalizeDecodedUri(space, w, query);
                list.Add(new Segment(SegmentSource.Arena, _arena.Commit(w), w));
            }
        }
    }

    /// <summary>
    /// Finishes a value of <c>http.uri</c> whose percent-decoded path is <paramref name="space"/>[..<paramref name="pathLength"/>]:
    /// shortens overlong UTF-8, resolves the path, appends the decoded <paramref name="query"/> (with its <c>?</c>, or
    /// empty). <paramref name="space"/> is at least as long as the raw path and query. Returns the value's length.
    /// </summary>
    private int NormalizeDecodedUri(Span<byte> space, int pathLength, ReadOnlySpan<byte> query)
    {
        int w = ShortenOverlong(space, pathLength);
        w = PathNormalizer.Normalize(space[..w]);
        if (!query.IsEmpty)
        {
            // The decoded, normalized path is never longer than the raw one, so the query fits behind it.
            space[w++] = (byte)'?';
            Span<byte> queryOut = space[w..];
            int qw = PercentDecoder.DecodeUntilStable(query[1..], queryOut, plusAsSpace: false, ref _anomalies);
            w += ShortenOverlong(queryOut, qw);
        }

        FlagNul(space[..w]);
        return w;
    }

    /// <summary>Shortens overlong UTF-8 in <paramref name="span"/>[..length] in place; returns the new length.</summary>
    private int ShortenOverlong(Span<byte> span, int length) =>
        OverlongUtf8Decoder.MayContainOverlong(span[..length]) ? OverlongUtf8Decoder.Decode(span[..length], span, ref _anomalies) : length;
}
