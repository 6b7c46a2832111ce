using System.Buffers;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http;

/// <summary>
/// Finds line and field-section ends across segments, bounded by a byte budget, without copying. Used on the
/// rare paths: a head or trailer section that is incomplete or crosses segments, a chunk-size line split by a
/// read. The budget is how limits are enforced "by slicing": a line whose LF is not within the first
/// <c>budget</c> bytes is too long even if the rest has not arrived yet.
/// </summary>
internal static class HttpLineScanner
{
    /// <summary>
    /// Advances <paramref name="probe"/> past the next LF if it lies within <paramref name="budget"/> bytes.
    /// On anything but <see cref="LineScan.Found"/> the probe position is meaningless.
    /// </summary>
    /// <param name="probe">A copy of the caller's reader; the caller's own position is untouched.</param>
    /// <param name="budget">Most bytes the line may take, CRLF included.</param>
    /// <param name="lineLength">Bytes of the line, CRLF included, when found.</param>
    public static LineScan ScanLine(ref SequenceReader<byte> probe, long budget, out long lineLength)
    {
        long scanned = 0;
        byte previous = 0;
        while (true)
        {
            long room = budget - scanned;
            if (room <= 0)
            {
                lineLength = 0;
                return LineScan.TooLong;
            }

            ReadOnlySpan<byte> span = probe.UnreadSpan;
            if (span.IsEmpty)
            {
                lineLength = 0;
                return LineScan.NeedMore;
            }

            int take = (int)Math.Min(span.Length, room);
            int lf = span[..take].IndexOf(ByteLF);
            if (lf >= 0)
            {
                // RFC 9112 §2.2 allows a recipient to accept a bare LF; we do not: two parsers that disagree on
                // line ends disagree on where the request ends.
                byte before = lf > 0 ? span[lf - 1] : previous;
                probe.Advance(lf + 1);
                lineLength = scanned + lf + 1;
                return before == ByteCR ? LineScan.Found : LineScan.BareLineFeed;
            }

            previous = span[take - 1];
            scanned += take;
            probe.Advance(take);
        }
    }

    /// <summary>
    /// Advances <paramref name="probe"/> past a field section: field lines and the empty line that ends it
    /// (RFC 9112 §5, §7.1.2), all within <paramref name="budget"/> bytes and at most
    /// <paramref name="maxLines"/> field lines.
    /// </summary>
    /// <param name="probe">A copy of the caller's reader, at the first field line.</param>
    /// <param name="budget">Most bytes the section may take, final CRLF included.</param>
    /// <param name="maxLines">Most field lines.</param>
    /// <param name="sectionLength">Bytes of the section, final CRLF included, when found.</param>
    /// <param name="soundLength">
    /// Otherwise, bytes of the field lines before the one the scan stopped at: complete, CRLF-terminated and within
    /// the limits, so a caller can check them before blaming the section.
    /// </param>
    public static LineScan ScanFieldSection(ref SequenceReader<byte> probe, long budget, int maxLines, out long sectionLength, out long soundLength)
    {
        long used = 0;
        int lines = 0;
        while (true)
        {
            LineScan scan = ScanLine(ref probe, budget - used, out long lineLength);
            if (scan != LineScan.Found)
            {
                sectionLength = 0;
                soundLength = used;
                return scan;
            }

            if (lineLength == 2)
            {
                sectionLength = used + 2;
                soundLength = sectionLength;
                return LineScan.Found;
            }

            if (++lines > maxLines)
            {
                sectionLength = 0;
                soundLength = used;
                return LineScan.TooManyLines;
            }

            used += lineLength;
        }
    }
}
