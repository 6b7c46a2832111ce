using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    /// <summary>Whether <paramref name="value"/> is binary (see the class remarks).</summary>
    /// <remarks>Control bytes counted 32 at a time, until enough are found (a search restarted after each took 6 µs of
    /// a 64 KiB upload, which needs 1,024 of them).</remarks>
    public static bool IsBinary(ReadOnlySpan<byte> value)
    {
        int needed = Math.Max(MinControlBytes, value.Length / ControlShare);
        int found = 0;
        int i = value.IndexOfAny(Controls); // text, the common body, has none: one search says so
        if (i < 0)
        {
            return false;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            ref byte data = ref MemoryMarshal.GetReference(value);
            for (; i + Vector256<byte>.Count <= value.Length; i += Vector256<byte>.Count)
            {
                uint controls = Vector256.ExtractMostSignificantBits(IsControl(Vector256.LoadUnsafe(ref data, (nuint)i)));
                found += System.Numerics.BitOperations.PopCount(controls);
                if (found >= needed)
                {
                    return true;
                }
            }
        }

        for (; i < value.Length; i++)
        {
            if (IsControl(value[i]) && ++found >= needed)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly SearchValues<byte> Controls =
        SearchValues.Create([.. Enumerable.Range(0, 256).Where(b => IsControl((byte)b)).Select(b => (byte)b)]);

    /// <summary>
    /// A control byte that is no whitespace (C0 but tab, line feed, vertical tab, form feed, carriage return), or DEL.
    /// </summary>
    internal static bool IsControl(byte b) => b is (< 0x20 and not (>= 9 and <= 13)) or 0x7F;

    private static Vector256<byte> IsControl(Vector256<byte> bytes) =>
        (Vector256.LessThan(bytes, Vector256.Create((byte)0x20)) & ~InRange(bytes, 9, 13)) | Vector256.Equals(bytes, Vector256.Create((byte)0x7F));

    /// <summary>Bytes from <paramref name="low"/> to <paramref name="high"/>: one subtraction and one unsigned compare.</summary>
    private static Vector256<byte> InRange(Vector256<byte> bytes, byte low, byte high) =>
        Vector256.LessThanOrEqual(bytes - Vector256.Create(low), Vector256.Create((byte)(high - low)));

    /// <summary>
    /// Writes the runs of text of <paramref name="value"/> at least <see cref="MinRun"/> bytes long to
    /// <paramref name="output"/>, a line feed between two; returns the bytes written (never more than the input's).
    /// </summary>
    /// <remarks>
    /// Only the stretches of <see cref="BreakMask"/>'s unflagged bytes at least <see cref="MinRun"/> long are read
    /// char by char (<see cref="ExtractRuns"/>): a flagged byte is in no run, so no run crosses one, and the char-by-char
    /// reading reaches the byte after it with a fresh run, as it would have from the value's start. Why: that reading
    /// decodes every high byte as UTF-8, 430 µs of the 540 µs a 64 KiB random upload cost the matcher; in random or
    /// compressed bytes four bytes in ten are flagged, so a stretch of sixteen is about one in ten thousand.
    /// </remarks>
    public static int Extract(ReadOnlySpan<byte> value, Span<byte> output)
    {
        if (value.Length < MinRun)
        {
            return 0;
        }

        ulong[] rented = ArrayPool<ulong>.Shared.Rent(BreakWords(value.Length));
        try
        {
            return Extract(value, output, rented);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// <see cref="Extract(ReadOnlySpan{byte}, Span{byte})"/> with the caller's scratch for the break mask, at least
    /// <see cref="BreakWords"/> words (its contents do not matter). Why: the matcher keeps one per worker, grown to the
    /// largest body seen, so a binary upload allocates nothing; a rented array does when the inspecting thread is not
    /// the one that returned it last (the pool caches per thread), which the corpus harness's thread hops showed.
    /// </summary>
    public static int Extract(ReadOnlySpan<byte> value, Span<byte> output, Span<ulong> scratch)
    {
        if (value.Length < MinRun)
        {
            return 0;
        }

        Span<ulong> breaks = scratch[..BreakWords(value.Length)];
        BreakMask(value, breaks);
        int written = 0;
        for (int resume = 0; NextStretch(breaks, value.Length, ref resume, out int start, out int end);)
        {
            written = ExtractRuns(value, start, end, output, written);
        }

        return written;
    }

    /// <summary>Words of break mask (<see cref="BreakMask"/>) a value of <paramref name="length"/> bytes needs.</summary>
    public static int BreakWords(int length) => (length / 64) + 2;

    /// <summary>
    /// The reference reading, char by char over the whole value (tests compare <see cref="Extract(ReadOnlySpan{byte}, Span{byte})"/> with it).
    /// </summary>
    internal static int ExtractByChar(ReadOnlySpan<byte> value, Span<byte> output) =>
        ExtractRuns(value, 0, value.Length, output, 0);

    /// <summary>
    /// Sets bit <c>i % 64</c> of word <c>i / 64</c> of <paramref name="breaks"/> for each byte <c>i</c> of
    /// <paramref name="value"/> that no char of text can cover, and every bit past the value's end:
    /// <list type="bullet">
    /// <item>a control byte (not whitespace), DEL, and C0, C1, F5–FF, which no well-formed UTF-8 holds;</item>
    /// <item>a continuation byte (80–BF) after an ASCII byte or at the start: no sequence's lead is before it;</item>
    /// <item>a lead byte (C2–F4) not followed by a continuation byte: its sequence is malformed.</item>
    /// </list>
    /// </summary>
    internal static void BreakMask(ReadOnlySpan<byte> value, Span<ulong> breaks)
    {
        breaks.Fill(ulong.MaxValue);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte data = ref MemoryMarshal.GetReference(value);
            // positions 1 .. Length-2 by vectors (each reads its byte's neighbours), the two ends by the scalar rule
            for (i = 1; i + Vector256<byte>.Count + 1 <= value.Length; i += Vector256<byte>.Count)
            {
                Vector256<byte> previous = Vector256.LoadUnsafe(ref data, (nuint)(i - 1));
                Vector256<byte> current = Vector256.LoadUnsafe(ref data, (nuint)i);
                Vector256<byte> next = Vector256.LoadUnsafe(ref data, (nuint)(i + 1));
                uint flagged = Vector256.ExtractMostSignificantBits(Flags(previous, current, next));
                SetBits(breaks, i, flagged);
            }
        }

        for (int p = 0; p < value.Length; p = p == 0 ? Math.Max(1, i) : p + 1)
        {
            bool flagged = IsBreak(p == 0 ? (byte)0 : value[p - 1], value[p], p + 1 < value.Length ? value[p + 1] : (byte)0);
            SetBit(breaks, p, flagged);
        }
    }

    /// <summary>The break rule of <see cref="BreakMask"/> for one byte with its neighbours (0 for none).</summary>
    internal static bool IsBreak(byte previous, byte current, byte next) =>
        IsControl(current) || current is 0xC0 or 0xC1 or >= 0xF5
        || (current is >= 0x80 and <= 0xBF && previous < 0x80)
        || (current is >= 0xC2 and <= 0xF4 && next is not (>= 0x80 and <= 0xBF));

    private static Vector256<byte> Flags(Vector256<byte> previous, Vector256<byte> current, Vector256<byte> next)
    {
        Vector256<byte> control = IsControl(current);
        Vector256<byte> never = Vector256.Equals(current, Vector256.Create((byte)0xC0))
            | Vector256.Equals(current, Vector256.Create((byte)0xC1))
            | Vector256.GreaterThanOrEqual(current, Vector256.Create((byte)0xF5));
        Vector256<byte> continuation = InRange(current, 0x80, 0xBF);
        Vector256<byte> afterAscii = Vector256.LessThan(previous, Vector256.Create((byte)0x80));
        Vector256<byte> lead = InRange(current, 0xC2, 0xF4);
        return control | never | (continuation & afterAscii) | (lead & ~InRange(next, 0x80, 0xBF));
    }

    /// <summary>
    /// Sets the 32 bits of <paramref name="breaks"/> from byte <paramref name="at"/> on to <paramref name="flagged"/>
    /// (its bit 0: that byte).
    /// </summary>
    private static void SetBits(Span<ulong> breaks, int at, uint flagged)
    {
        int word = at >> 6, shift = at & 63;
        breaks[word] = (breaks[word] & ~(0xFFFFFFFFUL << shift)) | ((ulong)flagged << shift);
        if (shift > 32)
        {
            breaks[word + 1] = (breaks[word + 1] & ~(0xFFFFFFFFUL >> (64 - shift))) | ((ulong)flagged >> (64 - shift));
        }
    }

    private static void SetBit(Span<ulong> breaks, int at, bool flagged)
    {
        ulong bit = 1UL << (at & 63);
        breaks[at >> 6] = flagged ? breaks[at >> 6] | bit : breaks[at >> 6] & ~bit;
    }

    /// <summary>
    /// The next maximal stretch of unflagged bytes at least <see cref="MinRun"/> long that starts at or after
    /// <paramref name="resume"/>, as [<paramref name="start"/>, <paramref name="end"/>); <paramref name="resume"/> then
    /// points past it. False when there is none. A word whose bits (with the next word's) hold no sixteen clear in a row
    /// is passed over in a few instructions.
    /// </summary>
    private static bool NextStretch(ReadOnlySpan<ulong> breaks, int length, ref int resume, out int start, out int end)
    {
        int words = (length + 63) / 64;
        for (int w = resume >> 6; w < words; w++)
        {
            // bit i of 'clear': bytes i .. i+15 of this word (reaching into the next) are all unflagged
            UInt128 free = ~((UInt128)breaks[w + 1] << 64 | breaks[w]);
            free &= free >> 1;
            free &= free >> 2;
            free &= free >> 4;
            free &= free >> 8;
            ulong clear = (ulong)free;
            if (w == resume >> 6)
            {
                clear &= ulong.MaxValue << (resume & 63); // windows before resume belong to a stretch already read
            }

            if (clear != 0)
            {
                // the first clear window is the stretch's start: the byte before it is flagged (or it is resume)
                start = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(clear);
                end = NextBreak(breaks, start, length);
                resume = end + 1;
                return true;
            }
        }

        start = end = length;
        return false;
    }

    /// <summary>The first flagged byte at or after <paramref name="from"/>, or <paramref name="length"/>.</summary>
    private static int NextBreak(ReadOnlySpan<ulong> breaks, int from, int length)
    {
        for (int w = from >> 6; w < breaks.Length; w++)
        {
            ulong bits = breaks[w] & (w == from >> 6 ? ulong.MaxValue << (from & 63) : ulong.MaxValue);
            if (bits != 0)
            {
                return Math.Min(length, w * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits));
            }
        }

        return length;
    }

    /// <summary>
    /// The char-by-char reading of <paramref name="value"/>'s bytes [<paramref name="from"/>, <paramref name="to"/>):
    /// appends its runs of at least <see cref="MinRun"/> bytes to <paramref name="output"/> after the
    /// <paramref name="written"/> bytes already there; returns the new count.
    /// </summary>
    private static int ExtractRuns(ReadOnlySpan<byte> value, int from, int to, Span<byte> output, int written)
    {
        value = value[..to];
        int at = from;
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
