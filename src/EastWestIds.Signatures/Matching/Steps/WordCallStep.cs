using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// A guard the compiler puts before a <see cref="WordCallShape"/> pcre that opens its program: a value where no
/// <c>(</c> follows (after spaces) one of the names as a whole word, a <c>/</c> or a backslash-letter cannot match,
/// so the regex is not run. Otherwise it hands over to the pcre unchanged.
/// </summary>
/// <remarks>Same outcome as the pcre alone: it fails with 0 (the pcre's "no match"), spends no budget, records nothing.</remarks>
internal sealed class WordCallStep : MatchStep
{
    private static readonly bool[] s_space = Chars(@"\s");
    private static readonly bool[] s_word = Chars(@"\w");

    /// <summary>Names (ASCII folded to lower case) by first byte.</summary>
    private readonly byte[][][] _names = new byte[256][][];
    private readonly byte[][] _prefixes;

    public WordCallStep(WordCallShape shape)
    {
        foreach (var group in shape.Names.Select(Fold).GroupBy(n => n[0]))
        {
            _names[group.Key] = [.. group];
        }

        _prefixes = [.. shape.Prefixes.Select(Fold)];
    }

    public override bool IsRelative => false;

    public override int Inspect(ref ProgramRun run, int index) => Admits(run.Data) ? run.Continue(index) : 0;

    /// <summary>True when some <c>(</c> of <paramref name="value"/> may end a match.</summary>
    public bool Admits(ReadOnlySpan<byte> value)
    {
        for (int open = value.IndexOf((byte)'('); open >= 0; open = Next(value, open))
        {
            int end = open - 1;
            while (end >= 0 && s_space[value[end]])
            {
                end--;
            }

            if (end < 0)
            {
                continue;
            }

            if (value[end] == (byte)'/')
            {
                return true; // the /* … */ form
            }

            if (!s_word[value[end]])
            {
                continue;
            }

            int start = end;
            while (start > 0 && s_word[value[start - 1]])
            {
                start--;
            }

            if ((start > 0 && value[start - 1] == (byte)'\\') || IsName(value[start..(end + 1)]))
            {
                return true; // the \n form, or a name
            }
        }

        return false;
    }

    private static int Next(ReadOnlySpan<byte> value, int open)
    {
        int next = value[(open + 1)..].IndexOf((byte)'(');
        return next < 0 ? -1 : open + 1 + next;
    }

    private bool IsName(ReadOnlySpan<byte> word)
    {
        if (_names[AsciiFold.Lower(word[0])] is { } candidates)
        {
            foreach (byte[] name in candidates)
            {
                if (name.Length == word.Length && FoldedEquals(word, name))
                {
                    return true;
                }
            }
        }

        foreach (byte[] prefix in _prefixes)
        {
            if (word.Length > prefix.Length && FoldedEquals(word[..prefix.Length], prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static bool FoldedEquals(ReadOnlySpan<byte> text, byte[] folded)
    {
        for (int i = 0; i < folded.Length; i++)
        {
            if (AsciiFold.Lower(text[i]) != folded[i])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Fold(string text) => [.. text.Select(c => AsciiFold.Lower((byte)c))];

    /// <summary>The Latin-1 chars .NET's class matches (the matcher runs regexes over bytes widened as Latin-1).</summary>
    private static bool[] Chars(string cls)
    {
        var regex = new Regex($"^{cls}$", RegexOptions.CultureInvariant);
        var set = new bool[256];
        for (int c = 0; c < 256; c++)
        {
            set[c] = regex.IsMatch(((char)c).ToString());
        }

        return set;
    }
}
