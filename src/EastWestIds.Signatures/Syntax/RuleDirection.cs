namespace EastWestIds.Signatures.Syntax;

/// <summary>The direction operator between the source and destination of a rule header.</summary>
public enum RuleDirection
{
    /// <summary><c>-&gt;</c>: from source to destination.</summary>
    ToDestination,

    /// <summary><c>&lt;&gt;</c>: either way.</summary>
    Bidirectional,
}
