using System.Text;

namespace EastWestIds.Signatures.Syntax;

/// <summary>
/// Suricata's value conventions, shared by the keyword factories. Inside a value, <c>\;</c>, <c>\"</c>, <c>\\</c>
/// and <c>\:</c> stand for the character itself; any other backslash is an error (except in <c>pcre</c>, whose
/// backslashes belong to the regex). A quoted value must start and end with <c>"</c> and contain no unescaped
/// <c>"</c>. <c>content</c> additionally decodes <c>|41 42|</c> hex blocks to bytes.
/// </summary>
internal static class OptionValue
{
    /// <summary>Strips the surrounding quotes; the interior keeps its escapes.</summary>
    public static bool TryUnquote(string value, out string inner, out string? error)
    {
        inner = "";
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"' || IsEscaped(value, value.Length - 1))
        {
            error = "value must be a quoted string (a ';' inside it must be written '\\;')";
            return false;
        }

        inner = value[1..^1];
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\')
            {
                i++;
            }
            else if (inner[i] == '"')
            {
                error = "unescaped '\"' inside a quoted value (write '\\\"')";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Replaces <c>\;</c>, <c>\"</c>, <c>\\</c> and <c>\:</c> by the character; any other escape is an error.</summary>
    public static bool TryUnescape(string text, out string result, out string? error)
    {
        if (!text.Contains('\\'))
        {
            result = text;
            error = null;
            return true;
        }

        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (!TryEscape(text, i, out char escaped, out error))
            {
                result = "";
                return false;
            }

            builder.Append(escaped);
            i++;
        }

        result = builder.ToString();
        error = null;
        return true;
    }

    /// <summary>
    /// Decodes a <c>content</c> value: optional <c>!</c>, then a quoted string whose <c>|..|</c> blocks are hex
    /// bytes (pairs of hex digits, spaces between pairs allowed) and whose other characters are UTF-8 text with the
    /// escapes above.
    /// </summary>
    public static bool TryDecodeContent(string value, out byte[] bytes, out bool negated, out string? error)
    {
        bytes = [];
        negated = false;
        string text = value;
        if (text.StartsWith('!'))
        {
            negated = true;
            text = text[1..].TrimStart();
        }

        if (!TryUnquote(text, out string inner, out error))
        {
            return false;
        }

        var output = new List<byte>(inner.Length);
        Span<byte> utf8 = stackalloc byte[4];
        bool hex = false;
        int pendingNibble = -1;
        for (int i = 0; i < inner.Length; i++)
        {
            char c = inner[i];
            if (c == '|')
            {
                if (hex && pendingNibble >= 0)
                {
                    error = $"odd number of hex digits in |..| block ending at offset {i}";
                    return false;
                }

                hex = !hex;
                continue;
            }

            if (hex)
            {
                if (c == ' ')
                {
                    if (pendingNibble >= 0)
                    {
                        error = $"hex byte split by a space at offset {i}";
                        return false;
                    }

                    continue;
                }

                int nibble = HexValue(c);
                if (nibble < 0)
                {
                    error = $"'{c}' is not a hex digit (offset {i} of the |..| block)";
                    return false;
                }

                if (pendingNibble < 0)
                {
                    pendingNibble = nibble;
                }
                else
                {
                    output.Add((byte)((pendingNibble << 4) | nibble));
                    pendingNibble = -1;
                }

                continue;
            }

            if (c == '\\')
            {
                if (!TryEscape(inner, i, out c, out error))
                {
                    return false;
                }

                i++;
            }

            if (char.IsHighSurrogate(c) && i + 1 < inner.Length)
            {
                int written = Encoding.UTF8.GetBytes(inner.AsSpan(i, 2), utf8);
                output.AddRange(utf8[..written]);
                i++;
                continue;
            }

            int count = Encoding.UTF8.GetBytes([c], utf8);
            output.AddRange(utf8[..count]);
        }

        if (hex)
        {
            error = "unterminated |..| hex block";
            return false;
        }

        if (output.Count == 0)
        {
            error = "content is empty";
            return false;
        }

        bytes = [.. output];
        error = null;
        return true;
    }

    /// <summary>True when the character at <paramref name="index"/> is preceded by an odd number of backslashes.</summary>
    public static bool IsEscaped(string text, int index)
    {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return (backslashes & 1) == 1;
    }

    private static bool TryEscape(string text, int backslash, out char escaped, out string? error)
    {
        if (backslash + 1 >= text.Length)
        {
            escaped = '\0';
            error = "value ends with a lone '\\'";
            return false;
        }

        escaped = text[backslash + 1];
        if (escaped is ';' or '"' or '\\' or ':')
        {
            error = null;
            return true;
        }

        error = $"'\\{escaped}' is not a valid escape (only \\; \\\" \\\\ \\: are; write other bytes as |hex|)";
        return false;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
