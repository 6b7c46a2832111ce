using System.Globalization;

namespace EastWestIds.Signatures.Keywords;

/// <summary>Argument helpers shared by keyword factories.</summary>
internal static class KeywordArguments
{
    /// <summary>Parses a decimal integer in [<paramref name="min"/>, <paramref name="max"/>] (no sign unless <paramref name="min"/> is negative).</summary>
    public static bool TryParseInt(string text, int min, int max, out int value)
    {
        NumberStyles style = min < 0 ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        return int.TryParse(text.Trim(), style, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>A non-negative number, decimal or hex with a <c>0x</c> prefix (byte_test values, bitmasks).</summary>
    public static bool TryParseUnsigned(string text, out ulong value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Splits on commas and trims each part.</summary>
    public static string[] SplitList(string text) => text.Split(',', StringSplitOptions.TrimEntries);
}
