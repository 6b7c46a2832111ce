using System.Buffers;
using System.Text;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// What a rule that reads a request body as text (<c>http.request_body; url_decode</c>, <c>html_decode</c>) sees of a
/// binary body: its runs of text, as the Unix <c>strings</c> tool finds them, one per line.
/// </summary>
/// <remarks>
/// <para>Why: images, archives, fonts, protobuf and other uploads are the commonest non-JSON bodies between services,
/// and compressed bytes are as good as random. Text patterns written for code (<c>$x(</c>, <c>${…$</c>, <c>&lt;?=</c>)
/// match random bytes by chance: before this, 150 of 300 real PNG and WOFF2 files sent as bodies raised a
/// web-attack alert, and so did 21 of 40 random 64 KiB bodies. An attack is text, and stays a run of text wherever it
/// is embedded (PHP in an image's comment chunk, a command in a crafted archive), so it is still seen; a chance match
/// needs a long run of text in random bytes, which has a probability of about 0.4 to the power of its length.</para>
/// <para>Binary: the value holds at least <see cref="MinControlBytes"/> control bytes (C0 but tab, line feed,
/// vertical tab, form feed and carriage return; and DEL), and at least one in <see cref="ControlShare"/> bytes. No
/// text holds them (Latin-1 and UTF-8 text alike), random bytes hold one in ten, and a few stray ones do not turn a
/// text body into a binary one: an attacker who pads a payload with control bytes to hide it makes its text a run
/// like any other. Text bytes: printable ASCII, the five whitespace controls above, and well-formed UTF-8
/// sequences (random bytes seldom form one, so they do not lengthen the runs).</para>
/// </remarks>
internal static class BinaryBodyText
{
    /// <summary>Control bytes a binary value holds at least.</summary>
    public const int MinControlBytes = 8;

    /// <summary>A binary value holds at least one control byte in this many bytes.</summary>
    public const int ControlShare = 64;

    /// <summary>Shortest run of text kept: shorter ones are what random bytes are made of.</summary>
    public const int MinRun = 16;

    private static readonly SearchValues<byte> Controls =
        SearchValues.Create([.. Enumerable.Range(0, 32).Where(b => b is < 9 or > 13).Select(b => (byte)b), 0x7F]);

    /// <summary>Whether <paramref name="value"/> is binary (see the remarks).</summary>
    public static bool IsBinary(ReadOnlySpan<byte> value)
    {
        int needed = Math.Max(MinControlBytes, value.Length / ControlShare);
        int at = 0;
        for (int found = 0; found < needed; found++)
        {
            int next = value[at..].IndexOfAny(Controls);
            if (next < 0)
            {
                return false;
            }

            at += next + 1;
        }

        return true;
    }

    /// <summary>
    /// Writes the runs of text of <paramref name="value"/> at least <see cref="MinRun"/> bytes long to
    /// <paramref name="output"/>, a line feed between two; returns the bytes written (never more than the input's).
    /// </summary>
    public static int Extract(ReadOnlySpan<byte> value, Span<byte> output)
    {
        int written = 0;
        int at = 0;
        while (at < value.Length)
        {
            int start = at;
            while (at < value.Length && TextLength(value, at) is int length and > 0)
            {
                at += length;
            }

            if (at - start >= MinRun)
            {
                if (written > 0)
                {
                    output[written++] = (byte)'\n'; // fits: at least one non-text byte separates two runs
                }

                value[start..at].CopyTo(output[written..]);
                written += at - start;
            }

            at = Math.Max(at, start + 1); // past the non-text byte that ended the run (or began the value)
        }

        return written;
    }

    /// <summary>Bytes of the text char at <paramref name="at"/>: 1 for printable ASCII and whitespace, 2–4 for a well-formed UTF-8 sequence, else 0.</summary>
    private static int TextLength(ReadOnlySpan<byte> value, int at)
    {
        byte b = value[at];
        if (b < 0x80)
        {
            return b is >= 0x20 and < 0x7F or (>= 9 and <= 13) ? 1 : 0;
        }

        return Rune.DecodeFromUtf8(value[at..], out _, out int consumed) == OperationStatus.Done ? consumed : 0;
    }
}
