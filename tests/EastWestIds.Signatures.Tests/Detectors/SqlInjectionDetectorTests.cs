using System.Text;
using EastWestIds.Signatures.Detectors;
using EastWestIds.TestCommon;

namespace EastWestIds.Signatures.Tests.Detectors;

public sealed class SqlInjectionDetectorTests
{
    [Theory]
    [InlineData("' or 1=1--")]
    [InlineData("' OR '1'='1")]
    [InlineData("admin'--")]
    [InlineData("admin'#")]
    [InlineData("admin' /*")]
    [InlineData("1 union select 1,2,3")]
    [InlineData("1 UNION ALL SELECT NULL,NULL--")]
    [InlineData("-1 union select password from users")]
    [InlineData("1/**/UnIoN/**/SeLeCt/**/1")]
    [InlineData("1 /*!50000union*/ /*!50000select*/ 1")]
    [InlineData("1 or 1=1")]
    [InlineData("1 and sleep(5)")]
    [InlineData("1; drop table users--")]
    [InlineData("'; DROP TABLE users; --")]
    [InlineData("'; exec master..xp_cmdshell 'dir'--")]
    [InlineData("1'; waitfor delay '0:0:5'--")]
    [InlineData("') or ('a'='a")]
    [InlineData("\") or (\"a\"=\"a")]
    [InlineData("x\" or 1=1 --")]
    [InlineData("' union select username, password from users--")]
    [InlineData("1 order by 3--")]
    [InlineData("' order by 1--")]
    [InlineData("'||pg_sleep(10)||'")]
    [InlineData("'+sleep(10)+'")]
    [InlineData("' and extractvalue(1,concat(0x7e,version()))--")]
    [InlineData("sleep(20)")]
    [InlineData("benchmark(10000000,md5(1))")]
    [InlineData("SELECT * FROM users")]
    [InlineData("select @@version")]
    [InlineData("' or @x=1")]
    [InlineData("1' and 1=1")]
    [InlineData("1 or (1=1)")]
    [InlineData("1' waitfor delay '0:0:5'--")]
    [InlineData("') union select 1,2--")]
    [InlineData("2020-03-01 UNION ALL SELECT CONCAT(user(),0x3a)")]
    [InlineData("1 except select 1,2")]
    [InlineData(" in ( select * from users")]
    [InlineData("; select pg_sleep(5)")]
    [InlineData("(select load_file('/etc/passwd'))")]
    [InlineData("1 GROUP BY CONCAT(0x71,(SELECT 1))")]
    [InlineData("file.ini'.sleep(12).'")]
    [InlineData("\u2019 OR \u20191\u2019=\u2019x\u2019--")]
    [InlineData("1\u00B4 OR \u00B41\u00B4=\u00B4x\u00B4#")]
    [InlineData("exec xp_cmdshell 'dir'")]
    [InlineData("xp_cmdshell")]
    [InlineData("DELETE FROM users;--")]
    [InlineData("SELECT/*avoid-spaces*/password/**/FROM/**/Members")]
    [InlineData("password::int")]
    [InlineData("admin' -- -")]
    [InlineData("admin'--+")]
    [InlineData("admin' -- ")]
    [InlineData("x' % 1 or '1'='1")]
    [InlineData("'1' or '1'='1'")]
    [InlineData("'a'-'a'")]
    [InlineData("is this your parents' or yours?")]
    [InlineData("password?(")]
    public void Classic_injections_are_detected(string payload)
    {
        Assert.True(SqlInjectionDetector.TryDetect(Encoding.UTF8.GetBytes(payload), out var match), payload);
        Assert.True(match.Length > 0);
        Assert.NotEqual(FingerprintKind.None, match.Fingerprint.Kind);
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("D'Angelo")]
    [InlineData("Conan O'Brien and Andy")]
    [InlineData("select the best option and drop us a line")]
    [InlineData("union of workers, update: order by date")]
    [InlineData("I can't believe it's not butter")]
    [InlineData("the customers' orders and the suppliers' invoices")]
    [InlineData("Rock 'n' roll")]
    [InlineData("She said \"hello\" and left")]
    [InlineData("1 or 2 items")]
    [InlineData("1 and 1 equals 2")]
    [InlineData("Select Committee on Intelligence")]
    [InlineData("Drop table tennis practice on Friday?")]
    [InlineData("#hashtag")]
    [InlineData("<a href=\"#section-2\">Jump</a>")]
    [InlineData("42")]
    [InlineData("2024-03-14")]
    [InlineData("john.doe@example.com")]
    [InlineData("https://example.com/search?q=union+station&sort=date")]
    [InlineData("{ search(query: \"union station\") { name } }")]
    [InlineData("It\u2019s 5 o\u2019clock and we\u2019re out of coffee")]
    [InlineData("Don\u2019t select \u2018all\u2019 when deleting")]
    [InlineData("Execute query")]
    [InlineData("all except one")]
    [InlineData("7 except Sundays")]
    [InlineData("the players' update was slow")]
    [InlineData("3 > 2")]
    [InlineData("10 - 3 = 7")]
    [InlineData("")]
    // prose from bench/quality/prose (Debian's fortune files): a quotation and its attribution, English idioms
    [InlineData("\"God is a comedian playing to an audience too afraid to laugh.\"\n\t\t-- Voltaire")]
    [InlineData("'Consequences, Schmonsequences, as long as I'm rich.'\n\t\t-- Looney Tunes")]
    [InlineData("If all else fails, lower your standards")]
    [InlineData("When all else fails, EAT!!!")]
    [InlineData("But has any little atom,\n\tWhile a-sittin' and a-splittin',\nEver stopped to think")]
    // developer prose (Debian changelogs, as an issue tracker carries it): WITH is no SQL keyword outside a CTE or a
    // hint, and a hyphenated word is one word
    [InlineData("Replace dh_systemd_enable with dh_installsystemd")]
    [InlineData("Please update my address with the new one")]
    [InlineData("wrap-and-sort -ast")]
    [InlineData("a rock-and-roll band, hide-and-seek, either-or")]
    // other languages (Debian's fortunes-de, -ru): an attribution in Cyrillic, dialogue between quotations
    [InlineData("\"Любовь - болезнь человека.\"\n\t\t-- М. Горький")]
    [InlineData("\"Gratuliere zur Geburt des Stammhalters! Wie geht es dem Kleinen?\" -\n\"Danke, danke.\"")]
    // Italian in ASCII writes an accent as an apostrophe, and a question can end on one (fortunes-it)
    [InlineData("Un tale entra in un negozio di antiquariato e chiede: \"Novita'?\".\n\t\t-- Franco Zappulla")]
    // message catalogs (the translated strings under /usr/share/locale): a quoted printf placeholder is no arithmetic
    [InlineData("impossibile eseguire stat su \"%.250s\"")]
    [InlineData("%s: nieznana opcja '--%s'\n")]
    [InlineData("Cuba \"%s --help\" untuk maklumat lanjut.")]
    [InlineData("'%1$s' is not a valid value for '%2$-10lu'")]
    public void Benign_near_misses_are_not_detected(string value)
    {
        Assert.False(SqlInjectionDetector.TryDetect(Encoding.UTF8.GetBytes(value), out var match), $"{value} -> {match.Fingerprint}");
    }

    [Fact]
    public void The_match_reports_context_fingerprint_and_span()
    {
        var input = "abc' or 1=1-- x"u8;
        Assert.True(SqlInjectionDetector.TryDetect(input, out var match));
        Assert.Equal(FingerprintKind.SqlSingleQuoted, match.Fingerprint.Kind);
        Assert.Equal("s&1o1c", match.Fingerprint.ToString());
        Assert.Equal(0, match.Start);
        Assert.Equal(input.Length, match.Length);
    }

    [Fact]
    public void As_is_context_is_tried_first()
    {
        Assert.True(SqlInjectionDetector.TryDetect("1 union select 2"u8, out var match));
        Assert.Equal(FingerprintKind.SqlAsIs, match.Fingerprint.Kind);
        Assert.Equal("1UE1", match.Fingerprint.ToString());
    }

    [Fact]
    public void Double_quote_context_is_used_for_double_quoted_breakouts()
    {
        Assert.True(SqlInjectionDetector.TryDetect("x\" union select 1--"u8, out var match));
        Assert.Equal(FingerprintKind.SqlDoubleQuoted, match.Fingerprint.Kind);
    }

    [Fact]
    public void An_injection_after_a_long_harmless_prefix_in_a_literal_is_still_found()
    {
        var input = Encoding.UTF8.GetBytes(new string('a', 10_000) + "' or 1=1--");
        Assert.True(SqlInjectionDetector.TryDetect(input, out var match));
        Assert.Equal(FingerprintKind.SqlSingleQuoted, match.Fingerprint.Kind);
    }

    [Theory]
    [InlineData('(')]
    [InlineData('\'')]
    [InlineData('/')]
    [InlineData('-')]
    [InlineData('@')]
    public void Large_pathological_inputs_finish(char filler)
    {
        // one megabyte of a single token-starting byte: tokenizing is linear and capped, so this returns
        var input = Encoding.UTF8.GetBytes(new string(filler, 1 << 20));
        SqlInjectionDetector.TryDetect(input, out _);
    }

    // Session 7: a quote that opens a quotation is not a breakout (CRS negatives 933100-75/78/79/80, 942521-16)
    [Theory]
    [InlineData("<?xpacket begin=\"?\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")]
    [InlineData("<?XPACKET begin=\"?\" id=\"test\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">")]
    [InlineData("<x:xmpmeta a=\"1\" b=\"?\" c='d'/>")]
    [InlineData("var statement = \"SELECT * FROM users WHERE name = '\" + userName + \"'\";")]
    [InlineData("the example \u2018SELECT 1\u2019 in the docs")]
    public void Quotes_that_open_a_quotation_are_not_breakouts(string value)
    {
        Assert.False(SqlInjectionDetector.TryDetect(Encoding.UTF8.GetBytes(value), out var match), $"{value} -> {match.Fingerprint}");
    }

    // ... while the same shapes that close a literal still are: "=" and a quote outside a well-formed tag (a whole
    // cookie or body), a statement right after the closing quote, the PostgreSQL jsonb "?" operator
    [Theory]
    [InlineData("x=\"?\" or 1=1--")]
    [InlineData("<x a=\"?\" or 1=1--")]
    [InlineData("<x=' or 1=1--")]
    [InlineData("<x a='' b=' or 1=1--")]
    [InlineData("id=' OR '1'='x'--")]
    [InlineData("x\"select * from users")]
    [InlineData("x\" select * from users--")]
    [InlineData("\"select 1")]
    [InlineData("x' drop table users--")]
    [InlineData("OR '{\"a\":\"b\"}' ? 'a'")]
    [InlineData("password?(")]
    public void Quotes_that_close_a_literal_are_still_breakouts(string payload)
    {
        Assert.True(SqlInjectionDetector.TryDetect(Encoding.UTF8.GetBytes(payload), out _), payload);
    }

    [Theory]
    [InlineData("\"?\" id=\"x\"?>", true)]
    [InlineData("\"a\" b='c' d=\"e\">", true)]
    [InlineData("\"a\"/>", true)]
    [InlineData("\"a\" b=\"c\"", false)]   // the tag never ends
    [InlineData("\"a\" or 1=1>", false)]     // a bare word is no attribute pair here
    [InlineData("\"a\"b=\"c\">", false)]    // attributes are separated by space
    [InlineData("\"a", false)]
    public void Well_formed_tag_rest(string rest, bool expected)
    {
        Assert.Equal(expected, SqlInjectionDetector.IsWellFormedTagRest(Encoding.UTF8.GetBytes(rest)));
    }

    [Fact]
    public void Detection_allocates_nothing()
    {
        var attack = "' union select username, password from users--"u8.ToArray();
        var benign = Encoding.UTF8.GetBytes("select the best option and drop us a line; O'Brien's order #42 from \"Acme\"");
        SqlInjectionDetector.TryDetect(attack, out _);
        SqlInjectionDetector.TryDetect(benign, out _);
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                SqlInjectionDetector.TryDetect(attack, out _);
                SqlInjectionDetector.TryDetect(benign, out _);
            }
        });

        Assert.Equal(0, allocated);
    }
}
