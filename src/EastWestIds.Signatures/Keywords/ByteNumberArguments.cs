namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// What <c>byte_test</c> and <c>byte_jump</c> say alike about the number they read: the <c>string</c> number type, and
/// the combinations Suricata refuses (<c>little</c> with text digits, more than 8 binary bytes, a negative offset
/// without <c>relative</c>).
/// </summary>
internal static class ByteNumberArguments
{
    /// <summary>The base of a <c>string</c> number type (<c>hex</c>, <c>dec</c>, <c>oct</c>), or -1.</summary>
    public static int Base(string type) => type.ToLowerInvariant() switch { "hex" => 16, "dec" => 10, "oct" => 8, _ => -1 };

    /// <summary>Why these arguments cannot be read as Suricata reads them, or null when they can.</summary>
    public static string? Problem(int bytes, int numberBase, bool littleEndian, int offset, bool relative)
    {
        if (numberBase != 0 && littleEndian)
        {
            return "'little' applies to binary numbers, not to 'string'";
        }

        if (numberBase == 0 && bytes is < 1 or > 8)
        {
            return $"a binary number is 1 to 8 bytes, not {bytes} (add 'string, dec' to read digits)";
        }

        return offset < 0 && !relative ? $"offset {offset} is before the buffer (a negative offset needs 'relative')" : null;
    }
}
