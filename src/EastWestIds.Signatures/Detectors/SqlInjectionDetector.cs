using System.Buffers;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// <c>detect_sqli</c>: finds SQL injection in one decoded value by tokenizing it as SQL, folding the tokens into a
/// short fingerprint and looking the fingerprint up in <see cref="SqlFingerprints"/> (the approach of
/// libinjection, reimplemented). The value is read in three contexts, because the attacker's text lands in one of
/// three places of the application's query: as-is (a number or identifier position), inside a single-quoted
/// literal and inside a double-quoted literal (the quote contexts run only when the value holds that quote); a
/// fourth reading treats the typographic quotes ‘ ’ ´ as apostrophes, which some drivers and collations do.
/// </summary>
/// <remarks>
/// Cost is linear and bounded: each context reads at most <see cref="MaxTokensPerContext"/> raw tokens and stops as
/// soon as the fingerprint is full (<see cref="DetectorFingerprint.Capacity"/> folded tokens), every token read
/// consumes at least one byte, and nothing is allocated. Only the start of a value is judged: a value whose
/// injection follows more than eight folded tokens of harmless text is missed, as with libinjection; the quote
/// contexts restart the reading at the first quote, which is where a spliced value breaks out.
/// </remarks>
public static class SqlInjectionDetector
{
    /// <summary>
    /// Raw tokens read per context. Folding can swallow tokens (comments between tokens, adjacent strings,
    /// operator runs), so more than eight are read, but a fingerprint that is still not full after this many tokens
    /// is made of filler an attacker chose to exhaust the reader; 64 leaves room for realistic obfuscation
    /// (<c>1/**/union/**/all/**/select</c>) and keeps the worst case at a few hundred bytes of work per context.
    /// </summary>
    public const int MaxTokensPerContext = 64;

    /// <summary>Whether <paramref name="input"/> reads as SQL injection in any context; <paramref name="match"/> says where and why.</summary>
    public static bool TryDetect(ReadOnlySpan<byte> input, out DetectorMatch match) => TryDetect(input, CharClasses.Unknown, out match);

    /// <summary>
    /// <see cref="TryDetect(ReadOnlySpan{byte}, out DetectorMatch)"/> for a value whose <see cref="CharClasses"/> are
    /// known: plain text (<see cref="SqlPlainText"/>) is answered without tokenizing, and a quote context whose quote
    /// the value cannot hold is skipped without searching for it.
    /// </summary>
    internal static bool TryDetect(ReadOnlySpan<byte> input, ulong classes, out DetectorMatch match)
    {
        if (input.IsEmpty || IsOneToken(input, classes) || SqlPlainText.IsPlain(input, classes))
        {
            match = default;
            return false;
        }

        if (TryContext(input, 0, FingerprintKind.SqlAsIs, out match))
        {
            return true;
        }

        if ((classes & s_singleQuote) != 0 && input.Contains((byte)'\'') && TryContext(input, (byte)'\'', FingerprintKind.SqlSingleQuoted, out match))
        {
            return true;
        }

        if ((classes & s_doubleQuote) != 0 && input.Contains((byte)'"') && TryContext(input, (byte)'"', FingerprintKind.SqlDoubleQuoted, out match))
        {
            return true;
        }

        if ((classes & s_typographicQuote) != 0 && HasTypographicQuote(input) && TryContext(input, SqlTokenizer.TypographicQuote, FingerprintKind.SqlSingleQuoted, out match))
        {
            return true;
        }

        match = default;
        return false;
    }

    /// <summary>
    /// True when <paramref name="input"/> is one run of ASCII letters and digits: one token, never an injection. Even a
    /// SQL Server rowset function (<c>OPENROWSET</c>, fingerprint <c>f</c>) needs its argument list to do anything, and
    /// <c>xp_cmdshell</c> its underscore. The matcher's gate skips such values before the detector (<see cref="ProgramGate"/>);
    /// this says the same for callers without it, so the detector's answer does not depend on who asks.
    /// </summary>
    private static bool IsOneToken(ReadOnlySpan<byte> input, ulong classes) =>
        classes == CharClasses.Unknown ? !input.ContainsAnyExcept(s_lettersAndDigits) : (classes & CharClasses.NotAlphanumeric) == 0;

    private static readonly SearchValues<byte> s_lettersAndDigits =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // the classes of the quote contexts' quotes (the typographic ones are UTF-8 sequences of high bytes)
    private static readonly ulong s_singleQuote = CharClasses.Of((byte)'\'');
    private static readonly ulong s_doubleQuote = CharClasses.Of((byte)'"');
    private static readonly ulong s_typographicQuote = CharClasses.Of(0xC2);

    private static bool HasTypographicQuote(ReadOnlySpan<byte> input)
    {
        int offset = 0;
        while (true)
        {
            int found = input[offset..].IndexOfAny((byte)0xC2, (byte)0xE2);
            if (found < 0)
            {
                return false;
            }

            if (SqlTokenizer.TypographicQuoteLength(input, offset + found) > 0)
            {
                return true;
            }

            offset += found + 1;
        }
    }

    /// <summary>The folded fingerprint of <paramref name="input"/> in one context (for tests and tuning).</summary>
    internal static DetectorFingerprint Fingerprint(ReadOnlySpan<byte> input, byte openQuote, out int start, out int end)
    {
        var kind = openQuote switch
        {
            (byte)'\'' or SqlTokenizer.TypographicQuote => FingerprintKind.SqlSingleQuoted,
            (byte)'"' => FingerprintKind.SqlDoubleQuoted,
            _ => FingerprintKind.SqlAsIs,
        };
        SqlTokenBuffer tokens = default;
        int count = Fold(input, openQuote, ref tokens);
        start = count > 0 ? tokens[0].Start : 0;
        end = count > 0 ? tokens[count - 1].End : 0;
        return Pack(kind, tokens, count);
    }

    private static bool TryContext(ReadOnlySpan<byte> input, byte openQuote, FingerprintKind kind, out DetectorMatch match)
    {
        SqlTokenBuffer tokens = default;
        int count = Fold(input, openQuote, ref tokens);
        var fingerprint = Pack(kind, tokens, count);
        if (count > 0 && SqlFingerprints.IsInjection(fingerprint) && !OpensQuotation(input, kind, tokens, count)
            && !IsAttributedQuotation(input, tokens, count) && !IsDialogue(input, kind, tokens, count))
        {
            int start = tokens[0].Start;
            match = new DetectorMatch(start, tokens[count - 1].End - start, fingerprint);
            return true;
        }

        match = default;
        return false;
    }

    /// <summary>
    /// Whether the quote a quote context breaks out at reads as one that opens a quotation rather than one that closes
    /// the application's literal. A value that closes the literal ends its content at the quote (<c>x' or 1=1</c>,
    /// <c>' select</c>). Markup opens an attribute value with <c>=</c> and a quote inside a tag (<c>&lt;?xpacket
    /// begin="?" id="…"?&gt;</c>, which read from that quote on is "string, operator, string"); prose opens a
    /// quotation with a space and a quote before a word (<c>statement = "SELECT * FROM users …</c>), judged only for
    /// a statement right after the quote, the shape prose quoting SQL has. <c>name='…</c> outside a tag stays a
    /// breakout: a whole cookie or form body (<c>id=' OR '1'='1</c>) is read that way.
    /// </summary>
    private static bool OpensQuotation(ReadOnlySpan<byte> input, FingerprintKind kind, SqlTokenBuffer tokens, int count)
    {
        if (kind == FingerprintKind.SqlAsIs || count < 2)
        {
            return false;
        }

        int quote = tokens[0].End;
        if (quote == 0 || quote >= input.Length)
        {
            return false;
        }

        byte before = input[quote - 1];
        if (before == (byte)'=')
        {
            // an attribute value opened inside a tag (the last '<' before the quote is not closed by a '>'), when the
            // rest of the tag is well-formed markup: "<x=' or 1=1--" is no tag, only an injection dressed as one
            var prefix = input[..quote];
            return prefix.LastIndexOf((byte)'<') > prefix.LastIndexOf((byte)'>') && IsWellFormedTagRest(input[quote..]);
        }

        if (before > 0x20 || tokens[1].Type != SqlTokenType.Expression)
        {
            return false;
        }

        int quoteLength = input[quote] is (byte)'\'' or (byte)'"' ? 1 : SqlTokenizer.TypographicQuoteLength(input, quote);
        return quoteLength > 0 && tokens[1].Start == quote + quoteLength;
    }

    /// <summary>
    /// Whether the whole reading is a literal and then a <c>--</c> comment with words in it: prose that quotes someone
    /// and names them (<c>"God is a comedian…" -- Voltaire</c>), the commonest shape of quoted text in comments, reviews
    /// and messages. An injection that comments out the rest of the query ends at its dashes or puts no words after
    /// them (<c>admin'--</c>, <c>x' -- -</c>, <c>x'--+</c>). libinjection draws the same line for two-token
    /// fingerprints ("many people put '--' in plain text"), more strictly: it lets nothing follow the dashes.
    /// </summary>
    private static bool IsAttributedQuotation(ReadOnlySpan<byte> input, SqlTokenBuffer tokens, int count)
    {
        if (count != 2 || tokens[0].Type != SqlTokenType.String || tokens[1].Type != SqlTokenType.Comment)
        {
            return false;
        }

        // a letter of any script: ASCII, or the bytes of a UTF-8 character (-- М. Горький)
        ReadOnlySpan<byte> comment = input.Slice(tokens[1].Start, tokens[1].Length);
        return comment.Length > 2 && comment[0] == (byte)'-'
            && (comment[2..].IndexOfAnyInRange((byte)'a', (byte)'z') >= 0 || comment[2..].IndexOfAnyInRange((byte)'A', (byte)'Z') >= 0
                || comment[2..].IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0);
    }

    /// <summary>
    /// Whether the as-is reading opens with a quoted sentence, a dash and another quotation: dialogue
    /// (<c>"Gratuliere zur Geburt!" - "Danke, …</c>), which reads as a literal, a minus and a literal. A breakout's
    /// concatenation (<c>'+'</c>, <c>'-sleep(5)-'</c>) is read in the quote contexts, and its first literal is no sentence.
    /// </summary>
    private static bool IsDialogue(ReadOnlySpan<byte> input, FingerprintKind kind, SqlTokenBuffer tokens, int count)
    {
        if (kind != FingerprintKind.SqlAsIs || count < 3 || tokens[0].Type != SqlTokenType.String || tokens[0].Start != 0
            || tokens[1].Type != SqlTokenType.Operator || tokens[1].Length != 1 || input[tokens[1].Start] != (byte)'-'
            || tokens[2].Type != SqlTokenType.String)
        {
            return false;
        }

        return input.Slice(tokens[0].Start, tokens[0].Length).Contains((byte)' ');
    }

    /// <summary>
    /// Whether <paramref name="rest"/>, starting at an attribute value's opening quote, is the rest of a well-formed tag:
    /// that value closed, then only <c>name="value"</c> (or <c>'value'</c>) pairs, then <c>&gt;</c>, <c>/&gt;</c> or
    /// <c>?&gt;</c>. Every quote is then balanced inside the tag, so the SQL reading sees strings exactly where the
    /// markup has attribute values and nothing outside them but names.
    /// </summary>
    internal static bool IsWellFormedTagRest(ReadOnlySpan<byte> rest)
    {
        int i = 0;
        while (true)
        {
            byte quote = rest[i];
            int close = rest[(i + 1)..].IndexOf(quote);
            if (close < 0)
            {
                return false;
            }

            i += close + 2;
            int spaces = i;
            while (i < rest.Length && rest[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                i++;
            }

            if (i < rest.Length && rest[i] is (byte)'?' or (byte)'/')
            {
                i++;
            }

            if (i < rest.Length && rest[i] == (byte)'>')
            {
                return true;
            }

            int nameStart = i;
            while (i < rest.Length && rest[i] > 0x20 && rest[i] is not ((byte)'=' or (byte)'>' or (byte)'/' or (byte)'<' or (byte)'"' or (byte)'\''))
            {
                i++;
            }

            if (spaces == nameStart || i == nameStart || i + 1 >= rest.Length || rest[i] != (byte)'=' || rest[i + 1] is not ((byte)'"' or (byte)'\''))
            {
                return false;
            }

            i++;
        }
    }

    private static DetectorFingerprint Pack(FingerprintKind kind, SqlTokenBuffer tokens, int count)
    {
        ulong packed = 0;
        for (int i = 0; i < count; i++)
        {
            packed |= (ulong)(byte)tokens[i].Type << (8 * i);
        }

        return new DetectorFingerprint(kind, packed, count);
    }

    /// <summary>
    /// Reads tokens and folds them into <paramref name="tokens"/>; returns how many folded tokens there are. Folding
    /// removes what an attacker varies without changing the query's shape: comments between tokens (they act as
    /// whitespace; a trailing comment stays, since commenting out the rest of the query is the point), adjacent
    /// strings (<c>'a' 'b'</c> concatenates), operator runs (<c>= -1</c>, <c>AND NOT</c>), repeated parentheses, a
    /// leading sign, and the two-word keywords <c>UNION ALL</c>, <c>ORDER BY</c>, <c>GROUP BY</c>.
    /// </summary>
    private static int Fold(ReadOnlySpan<byte> input, byte openQuote, ref SqlTokenBuffer tokens)
    {
        var tokenizer = new SqlTokenizer(input, openQuote);
        int count = 0;
        SqlToken comment = default;
        bool pendingComment = false;
        for (int read = 0; read < MaxTokensPerContext && tokenizer.TryRead(out var token); read++)
        {
            if (token.Type == SqlTokenType.Comment)
            {
                comment = pendingComment ? comment with { Length = token.End - comment.Start } : token;
                pendingComment = true;
                continue;
            }

            pendingComment = false;
            if (count > 0 && TryMerge(input, ref tokens[count - 1], token, count))
            {
                continue;
            }

            if (count == DetectorFingerprint.Capacity)
            {
                return count;
            }

            tokens[count++] = token;
        }

        if (pendingComment && count < DetectorFingerprint.Capacity)
        {
            tokens[count++] = comment;
        }

        return count;
    }

    private static bool TryMerge(ReadOnlySpan<byte> input, ref SqlToken last, SqlToken next, int count)
    {
        var merged = last with { Length = next.End - last.Start };
        switch (last.Type)
        {
            case SqlTokenType.Union when next.Word is SqlWord.All or SqlWord.Distinct:
            case SqlTokenType.String when next.Type == SqlTokenType.String:
            case SqlTokenType.Operator when next.Type == SqlTokenType.Operator:
            case SqlTokenType.Logic when next.Type == SqlTokenType.Operator:
            case SqlTokenType.LeftParenthesis when next.Type == SqlTokenType.LeftParenthesis:
            case SqlTokenType.RightParenthesis when next.Type == SqlTokenType.RightParenthesis:
                last = merged;
                return true;
        }

        if (last.Word is SqlWord.Order or SqlWord.Group && next.Word == SqlWord.By)
        {
            last = merged with { Type = SqlTokenType.Group, Word = SqlWord.None };
            return true;
        }

        // a sign in front of the first value: "-1 union select" has the shape of "1 union select"
        if (count == 1 && last.Type == SqlTokenType.Operator && last.Length == 1
            && input[last.Start] is (byte)'-' or (byte)'+' or (byte)'~' or (byte)'!'
            && next.Type is SqlTokenType.Number or SqlTokenType.Bareword or SqlTokenType.Variable or SqlTokenType.String)
        {
            last = merged with { Type = next.Type, Word = next.Word };
            return true;
        }

        return false;
    }
}
