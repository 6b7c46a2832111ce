namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Splits bytes into SQL tokens, one at a time, in one of three starting contexts: as-is, or as if the input
/// continued a string literal opened with <c>'</c> or <c>"</c> (the situation of a value spliced into a quoted
/// literal, where the attacker's first quote closes the application's string). Each call consumes at least one
/// byte, so tokenizing is linear in the input. Dialect details are a blend of MySQL, PostgreSQL, SQL Server and
/// Oracle: an attacker picks the dialect, so the tokenizer accepts all of them.
/// </summary>
internal ref struct SqlTokenizer
{
    /// <summary>
    /// The <c>openQuote</c> value for the typographic context: the input continues a literal and the typographic
    /// quotes (‘ ’ ´) count as <c>'</c>. Some database drivers and collations fold them to an apostrophe, which is
    /// why filters that only look for <c>'</c> are bypassed with them.
    /// </summary>
    public const byte TypographicQuote = 1;

    private readonly ReadOnlySpan<byte> _input;
    private readonly byte _openQuote;
    private readonly bool _typographic;
    private int _position;
    private bool _started;
    private bool _inExecutableComment;

    /// <param name="input">The bytes to tokenize.</param>
    /// <param name="openQuote">0 for as-is, or the quote character the input is assumed to be inside of.</param>
    public SqlTokenizer(ReadOnlySpan<byte> input, byte openQuote)
    {
        _input = input;
        _openQuote = openQuote == TypographicQuote ? (byte)'\'' : openQuote;
        _typographic = openQuote == TypographicQuote;
    }

    /// <summary>Length of the typographic quote (‘ ’ are E2 80 98/99, ´ is C2 B4) at <paramref name="at"/>, or 0.</summary>
    public static int TypographicQuoteLength(ReadOnlySpan<byte> input, int at)
    {
        if (at + 1 < input.Length && input[at] == 0xC2 && input[at + 1] == 0xB4)
        {
            return 2;
        }

        if (at + 2 < input.Length && input[at] == 0xE2 && input[at + 1] == 0x80 && input[at + 2] is 0x98 or 0x99)
        {
            return 3;
        }

        return 0;
    }

    /// <summary>Reads the next token; false at the end of the input.</summary>
    public bool TryRead(out SqlToken token)
    {
        if (!_started)
        {
            _started = true;
            if (_typographic)
            {
                int end = TypographicStringEnd(0, out int quoteLength);
                token = new SqlToken(SqlTokenType.String, 0, end);
                _position = end + quoteLength;
                return true;
            }

            if (_openQuote != 0)
            {
                // the rest of the application's string literal, up to the quote that closes it
                int end = StringEnd(0, _openQuote);
                token = new SqlToken(SqlTokenType.String, 0, end);
                _position = end < _input.Length ? end + 1 : end;
                return true;
            }
        }

        SkipWhitespace();
        if (_position >= _input.Length)
        {
            token = default;
            return false;
        }

        int start = _position;
        byte c = _input[start];
        if (_typographic && TypographicQuoteLength(_input, start) is int open and > 0)
        {
            int end = TypographicStringEnd(start + open, out int quoteLength);
            _position = end + quoteLength;
            token = new SqlToken(SqlTokenType.String, start, _position - start);
            return true;
        }

        switch (c)
        {
            case (byte)'\'':
            case (byte)'"':
                {
                    int end = StringEnd(start + 1, c);
                    _position = end < _input.Length ? end + 1 : end;
                    token = new SqlToken(SqlTokenType.String, start, _position - start);
                    return true;
                }

            case (byte)'`':
                {
                    // MySQL quoted identifier
                    int close = _input[(start + 1)..].IndexOf((byte)'`');
                    _position = close < 0 ? _input.Length : start + close + 2;
                    token = new SqlToken(SqlTokenType.Bareword, start, _position - start);
                    return true;
                }

            case (byte)'[':
                {
                    // SQL Server quoted identifier, only when it closes on the same "word"
                    int close = _input[(start + 1)..].IndexOfAny((byte)']', (byte)'[');
                    if (close >= 0 && _input[start + 1 + close] == (byte)']')
                    {
                        _position = start + close + 2;
                        token = new SqlToken(SqlTokenType.Bareword, start, _position - start);
                        return true;
                    }

                    return Single(SqlTokenType.Unknown, out token);
                }

            case (byte)'#':
                // MySQL comment; "#section" or "#42" (anchors, issue numbers) is not, in practice
                if (IsWordPart(Next(1)))
                {
                    return Single(SqlTokenType.Unknown, out token);
                }

                return LineComment(out token);

            case (byte)'-':
                if (Next(1) == (byte)'-')
                {
                    return LineComment(out token);
                }

                return Operator(out token);

            case (byte)'/':
                if (Next(1) == (byte)'*')
                {
                    return BlockComment(out token);
                }

                return Operator(out token);

            case (byte)'@':
                return Variable(out token);

            case (byte)'(':
                return Single(SqlTokenType.LeftParenthesis, out token);
            case (byte)')':
                return Single(SqlTokenType.RightParenthesis, out token);
            case (byte)',':
                return Single(SqlTokenType.Comma, out token);
            case (byte)';':
                return Single(SqlTokenType.Semicolon, out token);
            case (byte)'{':
                return Single(SqlTokenType.LeftBrace, out token);
            case (byte)'}':
                return Single(SqlTokenType.RightBrace, out token);
            case (byte)'\\':
                return Single(SqlTokenType.Backslash, out token);
            case (byte)':':
                if (Next(1) is (byte)':' or (byte)'=')
                {
                    _position += 2;
                    token = new SqlToken(SqlTokenType.Operator, start, 2);
                    return true;
                }

                return Single(SqlTokenType.Colon, out token);
            case (byte)'.':
                if (IsDigit(Next(1)))
                {
                    return Number(out token);
                }

                return Single(SqlTokenType.Dot, out token);

            case (byte)'%' when PrintfPlaceholderLength(start) is int length and > 0:
                _position += length;
                token = new SqlToken(SqlTokenType.Bareword, start, length);
                return true;

            case (byte)'=' or (byte)'<' or (byte)'>' or (byte)'!' or (byte)'|' or (byte)'&' or (byte)'^' or (byte)'~'
                or (byte)'+' or (byte)'*' or (byte)'%' or (byte)'?':
                return Operator(out token);
        }

        if (IsDigit(c))
        {
            return Number(out token);
        }

        if (IsWordStart(c))
        {
            return Word(out token);
        }

        return Single(SqlTokenType.Unknown, out token);
    }

    /// <summary>
    /// The length of a printf conversion at <paramref name="at"/> (<c>%s</c>, <c>%.250s</c>, <c>%1$s</c>, <c>%-10lu</c>),
    /// or 0. Message catalogs and log templates quote them (<c>unknown option '--%s'</c>, <c>"%.250s"</c>), and read as
    /// SQL a quoted <c>%.250s</c> is a literal, a modulo, a number and a name: a breakout's arithmetic. SQL has no such
    /// token: its modulo is followed by an operand, and a conversion letter that starts a word (<c>% select</c>,
    /// <c>%sleep</c>) is no placeholder.
    /// </summary>
    private readonly int PrintfPlaceholderLength(int at)
    {
        int i = at + 1;
        while (i < _input.Length && IsDigit(_input[i]))
        {
            i++;
        }

        if (i > at + 1 && i < _input.Length && _input[i] == (byte)'$')
        {
            i++; // a positional argument, %1$s
        }
        else
        {
            i = at + 1;
        }

        while (i < _input.Length && _input[i] is (byte)'-' or (byte)'+' or (byte)'#' or (byte)'0' or (byte)' ')
        {
            i++;
        }

        while (i < _input.Length && (IsDigit(_input[i]) || _input[i] == (byte)'*'))
        {
            i++;
        }

        if (i < _input.Length && _input[i] == (byte)'.')
        {
            i++;
            while (i < _input.Length && (IsDigit(_input[i]) || _input[i] == (byte)'*'))
            {
                i++;
            }
        }

        while (i < _input.Length && _input[i] is (byte)'h' or (byte)'l' or (byte)'L' or (byte)'z' or (byte)'j' or (byte)'t' or (byte)'q')
        {
            i++;
        }

        if (i >= _input.Length || _input[i] is not ((byte)'s' or (byte)'d' or (byte)'i' or (byte)'u' or (byte)'x' or (byte)'X'
            or (byte)'o' or (byte)'c' or (byte)'f' or (byte)'e' or (byte)'g' or (byte)'p'))
        {
            return 0;
        }

        i++;
        return i < _input.Length && IsWordPart(_input[i]) ? 0 : i - at;
    }

    private readonly byte Next(int offset)
    {
        int i = _position + offset;
        return (uint)i < (uint)_input.Length ? _input[i] : (byte)0;
    }

    private void SkipWhitespace()
    {
        while (_position < _input.Length)
        {
            byte c = _input[_position];
            if (c <= 0x20 || c == 0x7F)
            {
                _position++;
            }
            else if (c == 0xC2 && Next(1) == 0xA0)
            {
                _position += 2; // U+00A0, which MySQL and SQL Server accept as a space
            }
            else if (c == (byte)'*' && _inExecutableComment && Next(1) == (byte)'/')
            {
                _position += 2; // end of a MySQL /*! ... */ comment: its content was real SQL
                _inExecutableComment = false;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Index of the quote that closes a literal whose content starts at <paramref name="from"/>, or the input length.</summary>
    private readonly int StringEnd(int from, byte quote)
    {
        int i = from;
        while (i < _input.Length)
        {
            int found = _input[i..].IndexOfAny(quote, (byte)'\\');
            if (found < 0)
            {
                return _input.Length;
            }

            i += found;
            if (_input[i] == (byte)'\\')
            {
                i += 2; // MySQL backslash escape: the next byte is literal
                continue;
            }

            if (i + 1 < _input.Length && _input[i + 1] == quote)
            {
                i += 2; // doubled quote is an escaped quote
                continue;
            }

            return i;
        }

        return _input.Length;
    }

    /// <summary>Where a literal closed by any apostrophe-like quote ends; <paramref name="quoteLength"/> is 0 when it runs to the end.</summary>
    private readonly int TypographicStringEnd(int from, out int quoteLength)
    {
        int i = from;
        while (i < _input.Length)
        {
            int found = _input[i..].IndexOfAny((byte)'\'', (byte)0xC2, (byte)0xE2);
            if (found < 0)
            {
                break;
            }

            i += found;
            if (_input[i] == (byte)'\'')
            {
                quoteLength = 1;
                return i;
            }

            if (TypographicQuoteLength(_input, i) is int length and > 0)
            {
                quoteLength = length;
                return i;
            }

            i++;
        }

        quoteLength = 0;
        return _input.Length;
    }

    private bool Single(SqlTokenType type, out SqlToken token)
    {
        token = new SqlToken(type, _position, 1);
        _position++;
        return true;
    }

    private bool LineComment(out SqlToken token)
    {
        int start = _position;
        int newline = _input[start..].IndexOf((byte)'\n');
        _position = newline < 0 ? _input.Length : start + newline + 1;
        token = new SqlToken(SqlTokenType.Comment, start, _position - start);
        return true;
    }

    private bool BlockComment(out SqlToken token)
    {
        int start = _position;
        if (Next(2) == (byte)'!')
        {
            // MySQL executable comment /*!50000 ... */: its content runs, so skip only the marker and version
            int i = start + 3;
            while (i < _input.Length && IsDigit(_input[i]))
            {
                i++;
            }

            _position = i;
            _inExecutableComment = true;
            token = new SqlToken(SqlTokenType.Comment, start, i - start);
            return true;
        }

        int close = _input[(start + 2)..].IndexOf("*/"u8);
        _position = close < 0 ? _input.Length : start + 2 + close + 2;
        token = new SqlToken(SqlTokenType.Comment, start, _position - start);
        return true;
    }

    private bool Variable(out SqlToken token)
    {
        int start = _position;
        int i = start + 1;
        if (i < _input.Length && _input[i] == (byte)'@')
        {
            i++;
        }

        if (i < _input.Length && _input[i] is (byte)'\'' or (byte)'"' or (byte)'`')
        {
            int end = StringEnd(i + 1, _input[i]);
            i = end < _input.Length ? end + 1 : end;
        }
        else
        {
            while (i < _input.Length && IsWordPart(_input[i]))
            {
                i++;
            }
        }

        _position = i;
        token = new SqlToken(SqlTokenType.Variable, start, i - start);
        return true;
    }

    private bool Operator(out SqlToken token)
    {
        int start = _position;
        byte c = _input[start];
        byte n = Next(1);
        int length = 1;
        SqlTokenType type = SqlTokenType.Operator;
        if ((c == (byte)'&' && n == (byte)'&') || (c == (byte)'|' && n == (byte)'|'))
        {
            length = 2;
            type = SqlTokenType.Logic;
        }
        else if (c == (byte)'<' && n == (byte)'=' && Next(2) == (byte)'>')
        {
            length = 3;
        }
        else if ((c is (byte)'<' or (byte)'>' or (byte)'!' && n is (byte)'=' or (byte)'<' or (byte)'>')
            || (c == (byte)'-' && n == (byte)'>')
            || (c == (byte)'|' && n == (byte)'/'))
        {
            length = 2;
        }
        else if (c == (byte)'?' && start > 0 && _input[start - 1] == (byte)'\'' && n == (byte)'"')
        {
            // '?" ends a quoted question whose last word ends in an apostrophe: Italian written in ASCII marks an accent
            // so ("Novita'?", "Perche'?"), and English quotes a word last ("What's 'this'?"). Read as SQL it is a
            // literal, an operator and a literal; but a question mark is a placeholder or PostgreSQL's key test, never
            // what joins two literals in an injection (that is + || - or a comparison), and "?" alone stays one.
            type = SqlTokenType.Unknown;
        }

        _position += length;
        token = new SqlToken(type, start, length);
        return true;
    }

    private bool Number(out SqlToken token)
    {
        int start = _position;
        int i = start;
        if (_input[i] == (byte)'0' && i + 1 < _input.Length && (_input[i + 1] | 0x20) is (byte)'x' or (byte)'b')
        {
            i += 2;
            while (i < _input.Length && IsHexDigit(_input[i]))
            {
                i++;
            }
        }
        else
        {
            while (i < _input.Length && IsDigit(_input[i]))
            {
                i++;
            }

            if (i < _input.Length && _input[i] == (byte)'.')
            {
                i++;
                while (i < _input.Length && IsDigit(_input[i]))
                {
                    i++;
                }
            }

            if (i + 1 < _input.Length && (_input[i] | 0x20) == (byte)'e'
                && (IsDigit(_input[i + 1]) || (_input[i + 1] is (byte)'+' or (byte)'-' && i + 2 < _input.Length && IsDigit(_input[i + 2]))))
            {
                i += 2;
                while (i < _input.Length && IsDigit(_input[i]))
                {
                    i++;
                }
            }
        }

        _position = i;
        token = new SqlToken(SqlTokenType.Number, start, i - start);
        return true;
    }

    private bool Word(out SqlToken token)
    {
        int start = _position;
        int i = start + 1;
        while (i < _input.Length)
        {
            if (!_typographic)
            {
                // outside the typographic context no byte of a word needs a look at its neighbours: cross the run
                // in one search, then judge the byte that ends it
                i = s_wordParts.IndexOfAnyExcept(_input, i);
                if (i < _input.Length && ((_input[i] == (byte)'.' && i + 1 < _input.Length && IsWordStart(_input[i + 1])) || IsHyphenInWord(i)))
                {
                    i++;
                    continue;
                }

                break;
            }

            byte c = _input[i];
            if (TypographicQuoteLength(_input, i) > 0)
            {
                break; // a typographic quote ends the word in this context
            }

            if (IsWordPart(c))
            {
                i++;
            }
            else if ((c == (byte)'.' && i + 1 < _input.Length && IsWordStart(_input[i + 1])) || IsHyphenInWord(i))
            {
                i++; // qualified names (schema.table, dbms_pipe.receive_message) and hyphenated words stay one word
            }
            else
            {
                break;
            }
        }

        _position = i;
        var word = _input[start..i];
        var keyword = SqlKeywords.Lookup(word);
        if (keyword.Type == SqlTokenType.Bareword && keyword.Word == SqlWord.None && word.IndexOf((byte)'.') is int dot and > 0)
        {
            // a qualified name is classified by its first part: dbms_pipe.receive_message(…) is a function call,
            // information_schema.tables a system catalog
            var head = SqlKeywords.Lookup(word[..dot]);
            if (head.FunctionWhenCalled)
            {
                keyword = head with { Type = SqlTokenType.Bareword };
            }
            else if (head.Type == SqlTokenType.Keyword)
            {
                keyword = head;
            }
        }

        var type = keyword.Type;
        if (keyword.FunctionWhenCalled && NextNonSpace() == (byte)'(')
        {
            type = SqlTokenType.Function;
        }

        token = new SqlToken(type, start, i - start, keyword.Word);
        return true;
    }

    /// <summary>
    /// Whether the '-' at <paramref name="i"/> joins two ASCII letters: English hyphenation (<c>wrap-and-sort</c>,
    /// <c>rock-and-roll</c>, <c>either-or</c>) is one word. SQL's minus between two names has no logic keyword to hide
    /// (<c>price-discount</c> is a value either way), and an injection's minus stands next to a digit, a quote, a space
    /// or another dash (<c>1-1</c>, <c>'-'</c>, <c>--</c>), which never joins.
    /// </summary>
    private readonly bool IsHyphenInWord(int i) =>
        _input[i] == (byte)'-' && i + 1 < _input.Length && IsAsciiLetter(_input[i - 1]) && IsAsciiLetter(_input[i + 1]);

    private static bool IsAsciiLetter(byte c) => (uint)((c | 0x20) - 'a') <= 25;

    private readonly byte NextNonSpace()
    {
        int i = _position;
        while (i < _input.Length && _input[i] <= 0x20)
        {
            i++;
        }

        // a comment between name and parenthesis still calls the function (sleep/**/(5))
        if (i + 1 < _input.Length && _input[i] == (byte)'/' && _input[i + 1] == (byte)'*')
        {
            int close = _input[(i + 2)..].IndexOf("*/"u8);
            if (close >= 0)
            {
                i += close + 4;
                while (i < _input.Length && _input[i] <= 0x20)
                {
                    i++;
                }
            }
        }

        return i < _input.Length ? _input[i] : (byte)0;
    }

    // IsWordPart as a set: ASCII letters and digits, '_', '$' and every byte of a multi-byte character
    private static readonly ByteSet s_wordParts = new(
        [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$"u8, .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b)]);

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsHexDigit(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 5;

    private static bool IsWordStart(byte c) => (uint)((c | 0x20) - 'a') <= 25 || c is (byte)'_' or (byte)'$' || c >= 0x80;

    private static bool IsWordPart(byte c) => IsWordStart(c) || IsDigit(c);
}
