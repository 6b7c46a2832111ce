namespace EastWestIds.Identity.Spiffe;

/// <summary>Strict SPIFFE ID validation (go-spiffe's default rules), allocation-free. PLACEHOLDER.</summary>
public static class SpiffeIdParser
{
    /// <summary>Longest ID accepted (SPIFFE-ID.md: implementations MUST accept up to 2048 bytes).</summary>
    public const int MaxLength = 2048;

    /// <summary>Parses and validates <paramref name="id"/> (UTF-8/ASCII bytes).</summary>
    public static bool TryParse(ReadOnlySpan<byte> id, out SpiffeIdParts parts, out SpiffeIdError error)
        => throw new NotSupportedException("placeholder");
}
