using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Values no reading of <c>detect_xss</c> flags, told without running the readings: text of letters, digits, <c>_</c>,
/// spaces, <c>,</c>, <c>.</c> and <c>-</c> in which no word after the first space has the shape of a dangerous
/// attribute name, no word names a global such as <c>document</c>, and "binding" does not occur.
/// </summary>
/// <remarks>
/// <para>Why it holds, reading by reading (<see cref="CrossSiteScriptingDetector"/>): such text has no <c>:</c> or
/// <c>&amp;</c> (no script URL), no tag opener, no quote and no <c>=</c>, so what is left is the attribute reading
/// after the first space, where each space-separated word is a name without a value and only a dangerous attribute
/// name by itself flags (6 to 15 letters from <c>s</c>, <c>a</c> or <c>f</c>: its own pre-check); CSS outside a style,
/// which without escapes, comments or references needs "binding" spelled out (<c>-moz-binding</c>); and script
/// without a tag, where a sink function needs <c>(</c> or <c>`</c> after its name, so only a global's member read
/// (<c>document.cookie</c>) is left. Checked against the full detector on the corpora and on random text built from
/// those very names (tests).</para>
/// <para>Why: <c>detect_xss</c> runs on every argument value with a space or a punctuation mark, ~50 ns each for text
/// like "Trail running shoe size 40" or "SKU-1000", which this answers in a few.</para>
/// </remarks>
internal static class XssPlainText
{
    private static readonly ulong s_plainClasses = CharClasses.Of("aA0_ ,.-");

    /// <summary>
    /// True when <paramref name="input"/>, whose <see cref="CharClasses"/> are <paramref name="classes"/>, is plain
    /// text no reading flags; false when the detector has to read it.
    /// </summary>
    public static bool IsPlain(ReadOnlySpan<byte> input, ulong classes)
    {
        if ((classes & ~s_plainClasses) != 0)
        {
            return false; // a byte outside plain text, or classes not known
        }

        int firstSpace = input.IndexOf((byte)' ');
        for (int i = 0; i < input.Length;)
        {
            if (!IsIdentifierPart(input[i]))
            {
                i++;
                continue;
            }

            int end = i + 1;
            while (end < input.Length && IsIdentifierPart(input[end]))
            {
                end++;
            }

            if (JavaScriptSinks.IsGlobal(input[i..end]))
            {
                return false;
            }

            i = end;
        }

        if (firstSpace >= 0)
        {
            foreach (Range word in input[firstSpace..].Split((byte)' '))
            {
                ReadOnlySpan<byte> name = input[firstSpace..][word];
                if (name.Length is >= 6 and <= 15 && (name[0] | 0x20) is (byte)'s' or (byte)'a' or (byte)'f')
                {
                    return false;
                }
            }
        }

        return StyleScripts.IndexOfIgnoreCase(input, "binding") < 0;
    }

    private static bool IsIdentifierPart(byte b) => (uint)((b | 0x20) - 'a') <= 25 || (uint)(b - '0') <= 9 || b == (byte)'_';
}
