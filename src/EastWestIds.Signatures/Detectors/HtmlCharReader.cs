namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Reads an attribute value the way a browser's URL and CSS parsers see it: HTML character references decoded
/// (<c>&amp;#106;</c>, <c>&amp;#x6A;</c>, <c>&amp;colon;</c>), ASCII lower-cased, and the characters browsers drop
/// inside a scheme (tab, CR, LF, NUL and other controls) skipped — so <c>jav&amp;#x09;ascript:</c> reads as
/// <c>javascript:</c>. Each call consumes at least one byte.
/// </summary>
internal ref struct HtmlCharReader
{
    private readonly ReadOnlySpan<byte> _text;
    private int _position;

    public HtmlCharReader(ReadOnlySpan<byte> text)
    {
        _text = text;
    }

    /// <summary>Skips leading whitespace and controls (browsers trim them before reading the scheme).</summary>
    public void SkipLeadingSpace()
    {
        while (_position < _text.Length)
        {
            int saved = _position;
            int c = Next();
            if (c is > 0x20 or < 0)
            {
                _position = saved;
                return;
            }
        }
    }

    /// <summary>The next visible character (lower-cased, references decoded, controls skipped), or -1 at the end.</summary>
    public int NextVisible()
    {
        while (true)
        {
            int c = Next();
            if (c < 0 || (c > 0x20 && c != 0x7F))
            {
                return c;
            }

            if (c == ' ')
            {
                return c; // a space is kept: "java script:" is not a scheme
            }
        }
    }

    private int Next()
    {
        if (_position >= _text.Length)
        {
            return -1;
        }

        byte b = _text[_position++];
        if (b == (byte)'&')
        {
            return Reference();
        }

        return b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b;
    }

    private int Reference()
    {
        int start = _position;
        if (start < _text.Length && _text[start] == (byte)'#')
        {
            int i = start + 1;
            bool hex = i < _text.Length && (_text[i] | 0x20) == 'x';
            if (hex)
            {
                i++;
            }

            int value = 0;
            int digits = 0;
            while (i < _text.Length && digits < 8)
            {
                int d = Digit(_text[i], hex);
                if (d < 0)
                {
                    break;
                }

                value = (value * (hex ? 16 : 10)) + d;
                digits++;
                i++;
            }

            // browsers accept leading zeros (&#0000106) beyond eight digits; keep reading them without growing the value
            while (i < _text.Length && Digit(_text[i], hex) >= 0)
            {
                i++;
            }

            if (digits == 0)
            {
                return '&';
            }

            if (i < _text.Length && _text[i] == (byte)';')
            {
                i++;
            }

            _position = i;
            return value is >= 'A' and <= 'Z' ? value | 0x20 : value;
        }

        // the few named references that matter inside a scheme or a CSS expression
        int semicolon = _text[start..Math.Min(_text.Length, start + 10)].IndexOf((byte)';');
        if (semicolon > 0)
        {
            var name = _text.Slice(start, semicolon);
            int decoded =
                HtmlNames.NameEquals(name, "colon") ? ':' :
                HtmlNames.NameEquals(name, "tab") ? '\t' :
                HtmlNames.NameEquals(name, "newline") ? '\n' :
                HtmlNames.NameEquals(name, "lpar") ? '(' :
                HtmlNames.NameEquals(name, "rpar") ? ')' :
                HtmlNames.NameEquals(name, "sol") ? '/' :
                HtmlNames.NameEquals(name, "bsol") ? '\\' : -1;
            if (decoded >= 0)
            {
                _position = start + semicolon + 1;
                return decoded;
            }
        }

        return '&';
    }

    private static int Digit(byte b, bool hex)
    {
        if ((uint)(b - '0') <= 9)
        {
            return b - '0';
        }

        int lower = b | 0x20;
        return hex && (uint)(lower - 'a') <= 5 ? lower - 'a' + 10 : -1;
    }
}
