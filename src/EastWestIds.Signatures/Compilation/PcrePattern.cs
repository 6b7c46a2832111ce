using System.Text;

namespace EastWestIds.Signatures.Compilation;

/// <summary>Rewrites of PCRE flags that .NET has no option for.</summary>
internal static class PcrePattern
{
    /// <summary>
    /// PCRE's <c>E</c> (DOLLAR_ENDONLY): <c>$</c> matches only at the very end, not before a final newline. Every
    /// unescaped <c>$</c> outside a character class becomes <c>\z</c>.
    /// </summary>
    public static string DollarAtVeryEnd(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '$')
            {
                result.Append("\\z");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
