using System.Text;
using EastWestIds.Signatures.Detectors;

namespace EastWestIds.Signatures.Tests.Detectors;

public sealed class SqlTokenizerTests
{
    [Theory]
    [InlineData("'abc'", "s")]
    [InlineData("\"abc\"", "s")]
    [InlineData("'it''s'", "s")]              // doubled quote stays inside the literal
    [InlineData("'a\\'b'", "s")]              // backslash escape stays inside the literal
    [InlineData("'unterminated", "s")]
    [InlineData("42", "1")]
    [InlineData("3.14", "1")]
    [InlineData(".5", "1")]
    [InlineData("1e10", "1")]
    [InlineData("0x7e", "1")]
    [InlineData("NULL", "1")]
    [InlineData("true", "1")]
    [InlineData("users", "n")]
    [InlineData("`users`", "n")]
    [InlineData("[users]", "n")]
    [InlineData("information_schema.tables", "k")]
    [InlineData("FROM", "k")]
    [InlineData("UNION", "U")]
    [InlineData("union all", "U")]
    [InlineData("order by", "B")]
    [InlineData("GROUP   BY", "B")]
    [InlineData("having", "B")]
    [InlineData("select", "E")]
    [InlineData("sleep(", "f(")]
    [InlineData("sleep /**/ (", "f(")]
    [InlineData("sleep", "n")]                 // a function name only counts when it is called
    [InlineData("dbms_pipe.receive_message(", "f(")]
    [InlineData("@@version", "v")]
    [InlineData("@x", "v")]
    [InlineData("=", "o")]
    [InlineData("<=>", "o")]
    [InlineData("%.250s", "n")]                // a printf placeholder is a name
    [InlineData("%1$-10lu,", "n,")]
    [InlineData("% 1", "o1")]                  // modulo: no conversion letter
    [InlineData("%sleep", "on")]               // a conversion letter that starts a word is no placeholder
    [InlineData("wrap-and-sort", "n")]         // a hyphenated word is one word
    [InlineData("1-and", "1o&")]               // a minus next to a digit stays an operator
    [InlineData("\"?\"", "s")]                 // a quoted question mark is a literal
    [InlineData("x ? 1", "no1")]               // elsewhere it is an operator (a placeholder, PostgreSQL's key test)
    [InlineData("LIKE", "o")]
    [InlineData("::", "o")]
    [InlineData("and", "&")]
    [InlineData("||", "&")]
    [InlineData("&&", "&")]
    [InlineData("-- rest", "c")]
    [InlineData("# rest", "c")]
    [InlineData("/* c */", "c")]
    [InlineData("int", "t")]
    [InlineData("waitfor", "T")]
    [InlineData("xp_cmdshell", "f")]
    [InlineData("on", "n")]
    [InlineData("collate", "A")]
    [InlineData("( ) , ; .", "(),;.")]
    [InlineData("{ } :", "{}:")]
    [InlineData("\\", "\\")]
    [InlineData("#section", "?n")]             // an anchor, not a MySQL comment
    public void Each_token_type_is_recognised(string input, string expected)
    {
        Assert.Equal(expected, Fingerprint(input, 0));
    }

    [Fact]
    public void Comments_between_tokens_fold_away_but_a_trailing_comment_stays()
    {
        Assert.Equal("1UE1", Fingerprint("1/**/union/**/all/**/select/**/1", 0));
        Assert.Equal("1c", Fingerprint("1 -- trailing", 0));
        Assert.Equal("1&1o1", Fingerprint("1 or/*x*/1=1", 0));
    }

    [Fact]
    public void Mysql_executable_comments_are_read_as_sql()
    {
        Assert.Equal("1UE1", Fingerprint("1 /*!50000union*/ /*!select*/ 1", 0));
    }

    [Fact]
    public void Operator_runs_and_leading_signs_fold()
    {
        Assert.Equal("1o1", Fingerprint("1 = - 1", 0));
        Assert.Equal("1UE", Fingerprint("-1 union select", 0));
        Assert.Equal("&1", Fingerprint("and not 1", 0));
    }

    [Fact]
    public void Quote_contexts_start_inside_the_literal()
    {
        Assert.Equal("s&1o1c", Fingerprint("x' or 1=1--", (byte)'\''));
        Assert.Equal("s&1o1c", Fingerprint("x\" or 1=1--", (byte)'"'));
        Assert.Equal("s", Fingerprint("no quote here", (byte)'\''));
        Assert.Equal("n", Fingerprint("Brien", 0));
        Assert.Equal("sn", Fingerprint("O'Brien", (byte)'\''));
    }

    [Fact]
    public void Typographic_context_reads_curly_quotes_and_acute_accents_as_apostrophes()
    {
        Assert.Equal("s&sosc", Fingerprint("\u2019 or \u20191\u2019=\u2019x\u2019--", SqlTokenizer.TypographicQuote));
        Assert.Equal("s&sosc", Fingerprint("1\u00B4 or \u00B41\u00B4=\u00B4x\u00B4--", SqlTokenizer.TypographicQuote));
        Assert.Equal("sn", Fingerprint("O\u2019Brien", SqlTokenizer.TypographicQuote));
        Assert.Equal("n", Fingerprint("O\u2019Brien", 0)); // as-is, a curly quote is part of the word
    }

    [Fact]
    public void A_fingerprint_holds_at_most_eight_tokens()
    {
        Assert.Equal("1,1,1,1,", Fingerprint("1,2,3,4,5,6,7,8,9", 0));
    }

    [Fact]
    public void Adjacent_strings_fold_into_one()
    {
        Assert.Equal("s", Fingerprint("'a' 'b' \"c\"", 0));
    }

    private static string Fingerprint(string input, byte quote) =>
        SqlInjectionDetector.Fingerprint(Encoding.UTF8.GetBytes(input), quote, out _, out _).ToString();
}
