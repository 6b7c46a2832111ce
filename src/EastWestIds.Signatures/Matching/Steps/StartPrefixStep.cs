using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// A guard the compiler puts before a start-anchored pcre that opens its program (see
/// <see cref="RegexLiterals.StartPrefixes"/>): a value that, after its leading skip chars, begins with none of the
/// pattern's prefixes cannot match, so the regex is not run. Otherwise it hands over to the pcre unchanged.
/// </summary>
/// <remarks>
/// Exactly the same outcome as the pcre alone: it fails with 0, what the pcre returns when it finds no match, and it
/// takes nothing from the step budget and records no match position (the pcre still does both when it runs).
/// </remarks>
internal sealed class StartPrefixStep : MatchStep
{
    private readonly bool[] _skip;

    /// <summary>Prefixes (ASCII case folded) by their first folded byte.</summary>
    private readonly byte[][][] _byFirst = new byte[256][][];

    public StartPrefixStep(AnchoredStart start)
    {
        _skip = start.Skip;
        foreach (var group in start.Prefixes.Select(Fold).GroupBy(p => p[0]))
        {
            _byFirst[group.Key] = [.. group];
        }
    }

    public override bool IsRelative => false;

    public override int Inspect(ref ProgramRun run, int index) => Admits(run.Data) ? run.Continue(index) : 0;

    /// <summary>True when <paramref name="value"/> may match: past its skip chars it begins with a prefix.</summary>
    public bool Admits(ReadOnlySpan<byte> value)
    {
        int at = 0;
        while (at < value.Length && _skip[value[at]])
        {
            at++;
        }

        if (at == value.Length || _byFirst[AsciiFold.Lower(value[at])] is not { } candidates)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = value[at..];
        foreach (byte[] prefix in candidates)
        {
            if (rest.Length >= prefix.Length && StartsWithFolded(rest, prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithFolded(ReadOnlySpan<byte> value, byte[] prefix)
    {
        for (int i = 1; i < prefix.Length; i++)
        {
            if (AsciiFold.Lower(value[i]) != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Fold(string prefix) => [.. prefix.Select(c => AsciiFold.Lower((byte)c))];
}
