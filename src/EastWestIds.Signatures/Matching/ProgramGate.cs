using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// What a buffer program needs of a value's <see cref="CharClasses"/> before it can hold on it: every class in
/// <see cref="AllOf"/> (the bytes of its positive contents, single-class required sets) and one class of each
/// non-zero <c>AnyOf</c> mask (its pcre's required char sets, the detectors' need for a non-alphanumeric byte). A
/// value the gate refuses is skipped without running any step.
/// </summary>
/// <remarks>Three any-of masks are kept, the most selective (fewest classes) first found; more would rarely refuse more.</remarks>
internal readonly record struct ProgramGate(ulong AllOf, ulong AnyOf, ulong AnyOf2, ulong AnyOf3)
{
    /// <summary>True when a value with classes <paramref name="classes"/> may satisfy the program.</summary>
    public bool Admits(ulong classes) =>
        (classes & AllOf) == AllOf
        && (AnyOf == 0 || (classes & AnyOf) != 0)
        && (AnyOf2 == 0 || (classes & AnyOf2) != 0)
        && (AnyOf3 == 0 || (classes & AnyOf3) != 0);

    /// <summary>The gate of a program's steps: only what every match of the program must hold.</summary>
    public static ProgramGate For(MatchStep[] steps)
    {
        ulong allOf = 0;
        var anyOf = new List<ulong>();
        foreach (MatchStep step in steps)
        {
            switch (step)
            {
                case ContentStep { Negated: false } content:
                    foreach (byte b in content.Pattern)
                    {
                        allOf |= CharClasses.Of(b);
                    }

                    break;
                case PcreStep { Negated: false } pcre:
                    // RequiredCharSets holds RequiredChars' set too (the rarest of a sequence, or an alternation's union).
                    foreach (string set in pcre.RequiredCharSets)
                    {
                        anyOf.Add(CharClasses.Of(set));
                    }

                    break;
                case DetectorStep:
                    // A run of letters and digits is one token to both detectors (SQL and HTML/JavaScript), and one
                    // token is never an injection: the value needs a space, a quote, an operator, a bracket, …
                    anyOf.Add(CharClasses.NotAlphanumeric);
                    break;
            }
        }

        // A set of one class is a class every match holds; the rest are kept by selectivity.
        foreach (ulong mask in anyOf)
        {
            if (ulong.PopCount(mask) == 1)
            {
                allOf |= mask;
            }
        }

        ulong[] kept = [.. anyOf.Where(m => ulong.PopCount(m) > 1 && (m & allOf) == 0).Distinct().OrderBy(ulong.PopCount).Take(3)];
        return new ProgramGate(allOf, At(kept, 0), At(kept, 1), At(kept, 2));
    }

    private static ulong At(ulong[] masks, int index) => index < masks.Length ? masks[index] : 0;
}
