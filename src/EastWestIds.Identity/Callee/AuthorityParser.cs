namespace EastWestIds.Identity.Callee;

/// <summary>Splits a Host/:authority into service, namespace and port, removing a <c>-shadow</c> suffix. PLACEHOLDER.</summary>
public static class AuthorityParser
{
    /// <summary>Parses <paramref name="authority"/>; false when it is not a usable host[:port].</summary>
    public static bool TryParse(ReadOnlySpan<byte> authority, out CalleeAuthority callee) => throw new NotSupportedException("placeholder");
}
