using System.Text;
using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// <see cref="SqlPlainText"/> answers "no injection" without tokenizing. Its two premises are checked here: no
/// fingerprint of barewords, numbers, operators, commas and dots is an injection; and wherever it says plain, the
/// tokenizing detector finds nothing either.
/// </summary>
public sealed class SqlPlainTextTests
{
    private static readonly byte[] s_plainTokenTypes =
        [(byte)SqlTokenType.Bareword, (byte)SqlTokenType.Number, (byte)SqlTokenType.Operator, (byte)SqlTokenType.Comma, (byte)SqlTokenType.Dot];

    [Fact]
    public void No_fingerprint_of_the_token_types_plain_text_makes_is_an_injection()
    {
        int checkedFingerprints = 0;
        for (int length = 1; length <= DetectorFingerprint.Capacity; length++)
        {
            int combinations = (int)Math.Pow(s_plainTokenTypes.Length, length);
            for (int n = 0; n < combinations; n++)
            {
                ulong packed = 0;
                for (int i = 0, rest = n; i < length; i++, rest /= s_plainTokenTypes.Length)
                {
                    packed |= (ulong)s_plainTokenTypes[rest % s_plainTokenTypes.Length] << (8 * i);
                }

                var fingerprint = new DetectorFingerprint(FingerprintKind.SqlAsIs, packed, length);
                Assert.False(SqlFingerprints.IsInjectionByEntries(fingerprint), fingerprint.ToString());
                checkedFingerprints++;
            }
        }

        Assert.Equal(488_280, checkedFingerprints); // 5 + 25 + … + 5^8
    }

    [Fact]
    public void Where_it_says_plain_the_tokenizer_finds_no_injection_on_corpus_and_keyword_rich_values()
    {
        // words of prose, SQL's vocabulary in every case, numbers in every form the tokenizer reads (hex, binary,
        // decimals, exponents), and the plain punctuation, so that injections like "1 or 1" and "x union select 1"
        // are among the values; each must be sent to the tokenizer (not plain) or be no injection
        string[] words = [.. SqlKeywords.Words.SelectMany(w => new[] { w, w.ToLowerInvariant() }),
            "Trail", "running", "shoe", "size", "SKU", "en", "GB", "a", "x", "b_c", "information_schema.tables", "t.id", "dbms_pipe.x",
            "1", "40", "0x1F", "0b101", "1e5", "1.5", "2.", ".5", "40abc", "1ex", "0xfx", "abc1def", "-1", "1-1", "-", ",", ".", "_", "--"];
        string[] separators = [" ", "", ",", ".", "-", " - ", ", "];
        var (plain, injections) = PlainTextAgreement.Check(words, separators, 1404, SqlPlainText.IsPlain,
            value => SqlInjectionDetector.TryDetect(value, out _));
        Assert.True(plain > 10_000 && injections > 1_000, $"{plain} plain values, {injections} injections");
    }

    [Theory]
    [InlineData("Trail running shoe size 40", true)]
    [InlineData("SKU-1000", true)]
    [InlineData("en-GB, fr.FR", true)]
    [InlineData("1 or 1", false)] // a vocabulary word
    [InlineData("select", false)]
    [InlineData("count", false)] // a function name, even without its parenthesis
    [InlineData("x--", false)] // a comment
    [InlineData("0x41", false)] // a hex number can end inside a word
    [InlineData("it's", false)] // a quote
    [InlineData("a\tb", false)] // only spaces are plain whitespace
    [InlineData("t.select", false)] // a qualified name's part
    [InlineData("40union", false)] // a word after a number
    public void Plain_text_is_letters_digits_and_plain_punctuation_without_sql_words(string value, bool plain)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Assert.Equal(plain, SqlPlainText.IsPlain(bytes, CharClasses.Of(bytes)));
        Assert.False(SqlPlainText.IsPlain(bytes, CharClasses.Unknown)); // classes not known: never
    }
}
