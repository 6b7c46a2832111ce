using System.Text;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// The tokens of a GraphQL document (GraphQL spec, October 2021, §2.1), enough to tell a well-formed document and to find
/// its string values: names, numbers, punctuators, <c>"strings"</c> and <c>"""block strings"""</c>; whitespace, commas
/// and <c>#</c> comments are ignored. Why: a document's string literals are what a caller controls, and read inside the
/// document they carry its quotes, so a search for <c>"drop earrings"</c> looks like a quote closed before SQL to every
/// injection rule. Anything the grammar has no token for (<c>-</c> alone, <c>;</c>, <c>'</c>, a raw line break in a
/// string, an unknown escape) makes the text no document: that is how a payload concatenated into a query and breaking
/// out of its string shows.
/// </summary>
internal static class GraphQlLexer
{
    public enum Token : byte
    {
        End,
        Invalid,
        Other,
        String,
        BlockString,
    }

    /// <summary>
    /// True when <paramref name="text"/> lexes to the end and is shaped as an executable document: it starts with
    /// <c>{</c>, or with <c>query</c>, <c>mutation</c>, <c>subscription</c> or <c>fragment</c> followed by a name,
    /// <c>(</c>, <c>@</c> or <c>{</c>; its brackets nest and balance (64 deep at most); every <c>$</c> starts a variable's
    /// name, and there is no <c>|</c> or <c>&amp;</c> (schema syntax); it ends with the <c>}</c> of a selection set. So
    /// prose, SQL or shell that starts with "query" or "{" is none (<c>{ $(id) }</c> lexes, but is no operation), and
    /// stays one value as sent; the string values are all a caller can write into an operation.
    /// </summary>
    public static bool IsDocument(ReadOnlySpan<byte> text)
    {
        int i = 0;
        Token first = Next(text, ref i, out int start, out int end);
        if (first != Token.Other)
        {
            return false;
        }

        ReadOnlySpan<byte> word = text[start..end];
        bool brace = word is [(byte)'{'];
        if (!(brace || ((word.SequenceEqual("query"u8) || word.SequenceEqual("mutation"u8)
            || word.SequenceEqual("subscription"u8) || word.SequenceEqual("fragment"u8)) && FollowsOperationKeyword(text, i))))
        {
            return false;
        }

        Span<byte> open = stackalloc byte[64];
        int depth = 0;
        if (brace)
        {
            open[depth++] = (byte)'}';
        }

        byte last = word[^1];
        bool variable = false;
        Token token;
        while ((token = Next(text, ref i, out start, out end)) is not (Token.End or Token.Invalid))
        {
            if (variable && (token != Token.Other || !IsNameStart(text[start])))
            {
                return false; // "$" is only ever a variable's first char
            }

            last = token == Token.Other ? text[end - 1] : (byte)'"';
            if (token == Token.String && DecodedLength(text[start..end]) < 0)
            {
                return false;
            }

            variable = false;
            if (token != Token.Other || end - start != 1)
            {
                continue;
            }

            byte b = text[start];
            if (b is (byte)'|' or (byte)'&')
            {
                return false; // schema syntax (union members, implements), never in an operation
            }

            variable = b == (byte)'$';
            byte closing = b switch { (byte)'{' => (byte)'}', (byte)'(' => (byte)')', (byte)'[' => (byte)']', _ => 0 };
            if (closing != 0)
            {
                if (depth == open.Length)
                {
                    return false;
                }

                open[depth++] = closing;
            }
            else if (b is (byte)'}' or (byte)')' or (byte)']' && (depth == 0 || open[--depth] != b))
            {
                return false;
            }
        }

        return token == Token.End && depth == 0 && last == (byte)'}';
    }

    private static bool FollowsOperationKeyword(ReadOnlySpan<byte> text, int i)
    {
        Token next = Next(text, ref i, out int start, out _);
        return next == Token.Other && (text[start] is (byte)'{' or (byte)'(' or (byte)'@' || IsNameStart(text[start]));
    }

    /// <summary>
    /// The token at <paramref name="i"/> after ignored bytes; for strings, [<paramref name="start"/>,
    /// <paramref name="end"/>) is the content between the quotes, else the token itself.
    /// </summary>
    public static Token Next(ReadOnlySpan<byte> text, ref int i, out int start, out int end)
    {
        SkipIgnored(text, ref i);
        start = end = i;
        if (i >= text.Length)
        {
            return Token.End;
        }

        byte b = text[i];
        if (b == (byte)'"')
        {
            return text[i..].StartsWith("\"\"\""u8) ? BlockString(text, ref i, out start, out end) : String(text, ref i, out start, out end);
        }

        if (IsNameStart(b))
        {
            i++;
            while (i < text.Length && (IsNameStart(text[i]) || char.IsAsciiDigit((char)text[i])))
            {
                i++;
            }
        }
        else if (b == (byte)'-' || char.IsAsciiDigit((char)b))
        {
            if (!Number(text, ref i))
            {
                return Token.Invalid;
            }
        }
        else if (text[i..].StartsWith("..."u8))
        {
            i += 3;
        }
        else if (b is (byte)'!' or (byte)'$' or (byte)'&' or (byte)'(' or (byte)')' or (byte)':' or (byte)'=' or (byte)'@'
            or (byte)'[' or (byte)']' or (byte)'{' or (byte)'|' or (byte)'}')
        {
            i++;
        }
        else
        {
            return Token.Invalid;
        }

        end = i;
        return Token.Other;
    }

    private static void SkipIgnored(ReadOnlySpan<byte> text, ref int i)
    {
        while (i < text.Length)
        {
            byte b = text[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)',')
            {
                i++;
            }
            else if (b == (byte)'#')
            {
                int lineEnd = text[i..].IndexOfAny((byte)'\n', (byte)'\r');
                i = lineEnd < 0 ? text.Length : i + lineEnd;
            }
            else if (text[i..].StartsWith("\uFEFF"u8))
            {
                i += 3;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsNameStart(byte b) => char.IsAsciiLetter((char)b) || b == (byte)'_';

    private static bool Number(ReadOnlySpan<byte> text, ref int i)
    {
        i += text[i] == (byte)'-' ? 1 : 0;
        int digits = Digits(text, ref i);
        if (digits == 0 || (digits > 1 && text[i - digits] == (byte)'0'))
        {
            return false;
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            i += i < text.Length && text[i] is (byte)'+' or (byte)'-' ? 1 : 0;
            if (Digits(text, ref i) == 0)
            {
                return false;
            }
        }

        // A number may not run into a name or another number (1x, 1.2.3).
        return i >= text.Length || !(IsNameStart(text[i]) || text[i] == (byte)'.');
    }

    private static int Digits(ReadOnlySpan<byte> text, ref int i)
    {
        int from = i;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return i - from;
    }

    private static Token String(ReadOnlySpan<byte> text, ref int i, out int start, out int end)
    {
        start = i + 1;
        for (int k = start; k < text.Length; k++)
        {
            byte b = text[k];
            if (b == (byte)'"')
            {
                end = k;
                i = k + 1;
                return Token.String;
            }

            if (b is (byte)'\n' or (byte)'\r')
            {
                break;
            }

            k += b == (byte)'\\' ? 1 : 0;
        }

        end = start;
        return Token.Invalid;
    }

    private static Token BlockString(ReadOnlySpan<byte> text, ref int i, out int start, out int end)
    {
        start = i + 3;
        for (int k = start; k < text.Length; k++)
        {
            if (text[k] == (byte)'\\' && text[k..].StartsWith("\\\"\"\""u8))
            {
                k += 3;
            }
            else if (text[k..].StartsWith("\"\"\""u8))
            {
                end = k;
                i = k + 3;
                return Token.BlockString;
            }
        }

        end = start;
        return Token.Invalid;
    }

    /// <summary>
    /// The UTF-8 length of a string token's content once its escapes are decoded; -1 when an escape is not GraphQL's
    /// (<c>\"</c> <c>\\</c> <c>\/</c> <c>\b</c> <c>\f</c> <c>\n</c> <c>\r</c> <c>\t</c> <c>\uXXXX</c>, surrogate pairs
    /// joined, <c>\u{X…}</c>).
    /// </summary>
    public static int DecodedLength(ReadOnlySpan<byte> content) => Decode(content, default, measureOnly: true);

    /// <summary>Decodes a string token's content into <paramref name="output"/> (at least <see cref="DecodedLength"/> long); the bytes written, -1 as there.</summary>
    public static int Decode(ReadOnlySpan<byte> content, Span<byte> output) => Decode(content, output, measureOnly: false);

    private static int Decode(ReadOnlySpan<byte> content, Span<byte> output, bool measureOnly)
    {
        int w = 0;
        int i = 0;
        Span<byte> scratch = stackalloc byte[4];
        while (i < content.Length)
        {
            int backslash = content[i..].IndexOf((byte)'\\');
            int plain = backslash < 0 ? content.Length - i : backslash;
            if (!measureOnly)
            {
                content.Slice(i, plain).CopyTo(output[w..]);
            }

            w += plain;
            i += plain;
            if (i >= content.Length)
            {
                break;
            }

            if (i + 1 >= content.Length)
            {
                return -1;
            }

            byte escaped = content[i + 1];
            i += 2;
            int written;
            if (escaped == (byte)'u')
            {
                if (!UnicodeEscape(content, ref i, out Rune rune))
                {
                    return -1;
                }

                written = rune.EncodeToUtf8(scratch);
            }
            else
            {
                byte simple = escaped switch
                {
                    (byte)'"' or (byte)'\\' or (byte)'/' => escaped,
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'n' => (byte)'\n',
                    (byte)'r' => (byte)'\r',
                    (byte)'t' => (byte)'\t',
                    _ => 0,
                };
                if (simple == 0)
                {
                    return -1;
                }

                scratch[0] = simple;
                written = 1;
            }

            if (!measureOnly)
            {
                scratch[..written].CopyTo(output[w..]);
            }

            w += written;
        }

        return w;
    }

    // After "\u": XXXX (a surrogate pair as two escapes) or {X...}.
    private static bool UnicodeEscape(ReadOnlySpan<byte> content, ref int i, out Rune rune)
    {
        rune = default;
        if (i < content.Length && content[i] == (byte)'{')
        {
            int close = content[i..].IndexOf((byte)'}');
            if (close < 2 || close > 7 || !TryHex(content.Slice(i + 1, close - 1), out int value) || !Rune.TryCreate(value, out rune))
            {
                return false;
            }

            i += close + 1;
            return true;
        }

        if (content.Length - i < 4 || !TryHex(content.Slice(i, 4), out int unit))
        {
            return false;
        }

        i += 4;
        if (Rune.TryCreate(unit, out rune))
        {
            return true;
        }

        if (unit is < 0xD800 or > 0xDBFF || content.Length - i < 6 || content[i] != (byte)'\\' || content[i + 1] != (byte)'u'
            || !TryHex(content.Slice(i + 2, 4), out int low) || low is < 0xDC00 or > 0xDFFF)
        {
            return false;
        }

        i += 6;
        rune = new Rune((char)unit, (char)low);
        return true;
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out int value)
    {
        bool ok = uint.TryParse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out uint parsed);
        value = (int)parsed;
        return ok && parsed <= 0x10FFFF;
    }
}
