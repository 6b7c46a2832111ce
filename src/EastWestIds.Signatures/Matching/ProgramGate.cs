using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// What a buffer program needs of a value's <see cref="CharClasses"/> before it can hold on it: every class in
/// <see cref="AllOf"/> (the bytes of its positive contents) and, when <see cref="AnyOf"/> is not zero, one of those
/// (the required chars of its first positive pcre). A value the gate refuses is skipped without running any step.
/// </summary>
internal readonly record struct ProgramGate(ulong AllOf, ulong AnyOf)
{
    /// <summary>A gate that admits every value.</summary>
    public static ProgramGate Open => default;

    /// <summary>True when a value with classes <paramref name="classes"/> may satisfy the program.</summary>
    public bool Admits(ulong classes) => (classes & AllOf) == AllOf && (AnyOf == 0 || (classes & AnyOf) != 0);

    /// <summary>The gate of a program's steps: only what every match of the program must hold.</summary>
    public static ProgramGate For(MatchStep[] steps)
    {
        ulong allOf = 0, anyOf = 0;
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
                case PcreStep { Negated: false, RequiredChars: { } chars } when anyOf == 0:
                    anyOf = CharClasses.Of(chars);
                    break;
                case DetectorStep when anyOf == 0:
                    // A run of letters and digits is one token to both detectors (SQL and HTML/JavaScript), and one
                    // token is never an injection: the value needs a space, a quote, an operator, a bracket, …
                    anyOf = CharClasses.NotAlphanumeric;
                    break;
            }
        }

        return new ProgramGate(allOf, anyOf);
    }
}
