namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// The named character references that matter for injection detection: the markup and quoting characters, the
/// punctuation HTML5 gave names to (<c>&amp;colon;</c>, <c>&amp;lpar;</c>, <c>&amp;Tab;</c> are used to break
/// <c>javascript:</c> and <c>alert(</c> apart) and <c>&amp;nbsp;</c>. Not all 2,231 HTML5 names: the rest are
/// letters and symbols no filter keys on, and a full table would cost a lookup structure for nothing.
/// </summary>
internal static class HtmlNamedEntities
{
    // name (without & and ;), code point, accepted without ';' (legacy names browsers accept bare)
    private static readonly (byte[] Name, int CodePoint, bool Legacy)[] Table =
    [
        ("lt"u8.ToArray(), '<', true), ("gt"u8.ToArray(), '>', true), ("amp"u8.ToArray(), '&', true),
        ("quot"u8.ToArray(), '"', true), ("apos"u8.ToArray(), '\'', false), ("nbsp"u8.ToArray(), 0xA0, false),
        ("colon"u8.ToArray(), ':', false), ("semi"u8.ToArray(), ';', false), ("comma"u8.ToArray(), ',', false),
        ("period"u8.ToArray(), '.', false), ("sol"u8.ToArray(), '/', false), ("bsol"u8.ToArray(), '\\', false),
        ("lpar"u8.ToArray(), '(', false), ("rpar"u8.ToArray(), ')', false), ("lsqb"u8.ToArray(), '[', false),
        ("rsqb"u8.ToArray(), ']', false), ("lbrack"u8.ToArray(), '[', false), ("rbrack"u8.ToArray(), ']', false),
        ("lcub"u8.ToArray(), '{', false), ("rcub"u8.ToArray(), '}', false), ("lbrace"u8.ToArray(), '{', false),
        ("rbrace"u8.ToArray(), '}', false), ("equals"u8.ToArray(), '=', false), ("plus"u8.ToArray(), '+', false),
        ("excl"u8.ToArray(), '!', false), ("quest"u8.ToArray(), '?', false), ("num"u8.ToArray(), '#', false),
        ("dollar"u8.ToArray(), '$', false), ("percnt"u8.ToArray(), '%', false), ("ast"u8.ToArray(), '*', false),
        ("commat"u8.ToArray(), '@', false), ("lowbar"u8.ToArray(), '_', false), ("grave"u8.ToArray(), '`', false),
        ("Hat"u8.ToArray(), '^', false), ("verbar"u8.ToArray(), '|', false), ("vert"u8.ToArray(), '|', false),
        ("tilde"u8.ToArray(), '~', false), ("Tab"u8.ToArray(), '\t', false), ("NewLine"u8.ToArray(), '\n', false),
        ("hyphen"u8.ToArray(), '-', false), ("dash"u8.ToArray(), '-', false),
    ];

    /// <summary>
    /// Matches a name at the start of <paramref name="s"/> (just after the <c>&amp;</c>). On success
    /// <paramref name="length"/> covers the name and its <c>;</c> if present.
    /// </summary>
    public static bool TryMatch(ReadOnlySpan<byte> s, out int codePoint, out int length)
    {
        foreach ((byte[] name, int cp, bool legacy) in Table)
        {
            if (!s.StartsWith(name))
            {
                continue;
            }

            bool semicolon = s.Length > name.Length && s[name.Length] == (byte)';';
            if (semicolon || legacy)
            {
                codePoint = cp;
                length = name.Length + (semicolon ? 1 : 0);
                return true;
            }
        }

        codePoint = 0;
        length = 0;
        return false;
    }
}
