using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Values that cannot read as SQL injection in any context, told without tokenizing them: text of letters, digits,
/// <c>_</c>, spaces, <c>,</c>, <c>.</c> and <c>-</c> in which no word is in the SQL vocabulary ("Trail running shoe
/// size 40", "SKU-1000", "en-GB").
/// </summary>
/// <remarks>
/// <para>Why it holds: such a value has no quote, so only the as-is context reads it, and the tokenizer can make only
/// barewords, numbers, operators (a lone <c>-</c>), commas and dots of it (no <c>--</c> comment: that is checked; a
/// sign folded into the value after it keeps that value's type). No fingerprint made only of those five token types is
/// a known injection, which a test checks over every such fingerprint up to the fingerprint's capacity.</para>
/// <para>Which words: every run the tokenizer could read as a word, and each part of a qualified one (<c>a.b</c>, whose
/// head the tokenizer also looks up), is looked up; a candidate starts at each letter or <c>_</c> not preceded by one,
/// which includes the words the tokenizer starts after a number ("40abc"). A hexadecimal or binary number ("0xab")
/// can end inside a run of letters, so a value with one is left to the tokenizer. Any vocabulary word, even one that
/// is only a function name without its parenthesis, sends the value to the tokenizer too.</para>
/// <para>Why: <c>detect_sqli</c> runs on every argument value with a space or a punctuation mark, and most are such
/// text; tokenizing one cost ~100 ns, this check a third of that.</para>
/// </remarks>
internal static class SqlPlainText
{
    private static readonly ulong s_plainClasses = CharClasses.Of("aA0_ ,.-");

    /// <summary>
    /// True when <paramref name="input"/>, whose <see cref="CharClasses"/> are <paramref name="classes"/>, is plain
    /// text that no context reads as injection; false when the tokenizer has to judge it.
    /// </summary>
    public static bool IsPlain(ReadOnlySpan<byte> input, ulong classes)
    {
        if ((classes & ~s_plainClasses) != 0 || input.IndexOf("--"u8) >= 0)
        {
            return false; // a byte outside plain text (or classes not known), or a line comment
        }

        for (int p = 0; p < input.Length; p++)
        {
            byte b = input[p];
            if (b == (byte)'0' && p + 1 < input.Length && (input[p + 1] | 0x20) is (byte)'x' or (byte)'b')
            {
                return false; // a hex or binary number may end inside a word
            }

            if (!IsWordStart(b) || (p > 0 && IsWordStart(input[p - 1])))
            {
                continue;
            }

            int end = WordEnd(input, p);
            if (!IsPlainWord(input[p..end]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Where the tokenizer's word from <paramref name="start"/> ends: word parts, and dots that join a qualified name.</summary>
    private static int WordEnd(ReadOnlySpan<byte> input, int start)
    {
        int i = start + 1;
        while (i < input.Length && (IsWordPart(input[i]) || (input[i] == (byte)'.' && i + 1 < input.Length && IsWordStart(input[i + 1]))))
        {
            i++;
        }

        return i;
    }

    /// <summary>The word, and each part of it between dots, is no word of the SQL vocabulary.</summary>
    private static bool IsPlainWord(ReadOnlySpan<byte> word)
    {
        if (SqlKeywords.Lookup(word) != SqlKeyword.Bareword)
        {
            return false;
        }

        if (word.IndexOf((byte)'.') < 0)
        {
            return true;
        }

        foreach (Range part in word.Split((byte)'.'))
        {
            if (SqlKeywords.Lookup(word[part]) != SqlKeyword.Bareword)
            {
                return false;
            }
        }

        return true;
    }

    // In plain text: letters and '_' start words ('$' and bytes from 0x80 on, which the tokenizer also lets start one,
    // are not plain), digits continue them.
    private static bool IsWordStart(byte b) => (uint)((b | 0x20) - 'a') <= 25 || b == (byte)'_';

    private static bool IsWordPart(byte b) => IsWordStart(b) || (uint)(b - '0') <= 9;
}
