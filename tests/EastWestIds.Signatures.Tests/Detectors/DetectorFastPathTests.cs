using System.Text;
using EastWestIds.Signatures.Detectors;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// The detectors' cheap rejections must be exact: they may only skip what the full path would also reject. Checked
/// against the full path on every word of the CRS corpus values and of the benign value set, and on the vocabularies
/// themselves in every letter case the lookups fold.
/// </summary>
public sealed class DetectorFastPathTests
{
    [Fact]
    public void Keyword_length_filter_agrees_with_the_dictionary_on_every_corpus_word_and_every_keyword()
    {
        int checkedWords = 0;
        int filtered = 0;
        foreach (var word in CorpusWords().Concat(VocabularyVariants(SqlKeywords.Words)))
        {
            var bytes = Encoding.UTF8.GetBytes(word);
            var expected = SqlKeywords.LookupInDictionary(bytes);
            Assert.True(expected == SqlKeywords.Lookup(bytes), $"'{word}': filter says {SqlKeywords.Lookup(bytes)}, dictionary {expected}");
            checkedWords++;
            filtered += expected.Type == SqlTokenType.Bareword ? 1 : 0;
        }

        Assert.True(checkedWords > 20_000, $"only {checkedWords} words checked");
        Assert.True(filtered > 0);
    }

    [Fact]
    public void Keyword_table_agrees_with_the_dictionary_on_every_word_even_those_the_filter_answers()
    {
        // bytes that fold like a keyword's in the table's hash (0x20 set) without being its other case: '_' and DEL,
        // '.' and SO, '@' and '`'; and words longer than any keyword
        static IEnumerable<string> LookAlikes(string word)
        {
            yield return word.Replace('_', '\x7F');
            yield return word.Replace('.', '\x0E');
            yield return word.Replace('A', '\x01').Replace('a', '\x01');
            yield return word + word;
        }

        int checkedWords = 0;
        foreach (var word in CorpusWords().Concat(VocabularyVariants(SqlKeywords.Words)).Concat(SqlKeywords.Words.SelectMany(LookAlikes)))
        {
            var bytes = Encoding.UTF8.GetBytes(word);
            var expected = SqlKeywords.LookupInDictionary(bytes);
            Assert.True(expected == SqlKeywords.LookupInTable(bytes), $"'{word}': table says {SqlKeywords.LookupInTable(bytes)}, dictionary {expected}");
            checkedWords++;
        }

        Assert.True(checkedWords > 20_000, $"only {checkedWords} words checked");
        Assert.Equal(SqlTokenType.Function, SqlKeywords.LookupInTable("xp_CMDshell"u8).Type);
        Assert.Equal(SqlKeyword.Bareword, SqlKeywords.LookupInTable("xp\x7Fcmdshell"u8));
    }

    [Fact]
    public void Every_keyword_passes_the_filter()
    {
        foreach (var word in VocabularyVariants(SqlKeywords.Words))
        {
            var keyword = SqlKeywords.Lookup(Encoding.ASCII.GetBytes(word));
            Assert.True(keyword != SqlKeyword.Bareword || SqlKeywords.LookupInDictionary(Encoding.ASCII.GetBytes(word)) == SqlKeyword.Bareword, word);
        }

        // and ordinary words are answered by the filter alone (what makes it worth having)
        Assert.Equal(SqlKeyword.Bareword, SqlKeywords.Lookup("shoe"u8));
        Assert.Equal(SqlTokenType.Expression, SqlKeywords.Lookup("SeLeCt"u8).Type);
    }

    [Fact]
    public void Sink_name_filter_lets_every_sink_name_through_and_only_those_lengths()
    {
        foreach (var name in JavaScriptSinks.SinkNames)
        {
            Assert.True(JavaScriptSinks.MayBeSinkName(Encoding.ASCII.GetBytes(name)), name);
        }

        Assert.False(JavaScriptSinks.MayBeSinkName("Mozilla"u8));
        Assert.False(JavaScriptSinks.MayBeSinkName("alerts"u8));
        Assert.False(JavaScriptSinks.MayBeSinkName("Alert"u8)); // JavaScript names are case-sensitive
    }

    [Fact]
    public void Leading_pair_filter_agrees_with_the_entries_on_every_corpus_fingerprint_and_every_short_one()
    {
        var fingerprints = new HashSet<DetectorFingerprint>();
        foreach (var value in DetectorTestData.CorpusValues())
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            foreach (byte quote in new byte[] { 0, (byte)'\'', (byte)'"', SqlTokenizer.TypographicQuote })
            {
                var fingerprint = SqlInjectionDetector.Fingerprint(bytes, quote, out _, out _);
                if (fingerprint.Length > 0)
                {
                    fingerprints.Add(fingerprint);
                }
            }
        }

        // every fingerprint of up to three tokens, whatever the token types
        var types = Enum.GetValues<SqlTokenType>().Where(t => t != SqlTokenType.None).Select(t => (byte)t).ToArray();
        foreach (byte a in types)
        {
            fingerprints.Add(new DetectorFingerprint(FingerprintKind.SqlAsIs, a, 1));
            foreach (byte b in types)
            {
                fingerprints.Add(new DetectorFingerprint(FingerprintKind.SqlAsIs, a | (ulong)b << 8, 2));
                foreach (byte c in types)
                {
                    fingerprints.Add(new DetectorFingerprint(FingerprintKind.SqlAsIs, a | (ulong)b << 8 | (ulong)c << 16, 3));
                }
            }
        }

        int injections = 0;
        foreach (var fingerprint in fingerprints)
        {
            bool expected = SqlFingerprints.IsInjectionByEntries(fingerprint);
            Assert.True(expected == SqlFingerprints.IsInjection(fingerprint), $"{fingerprint}: filter disagrees with the entries ({expected})");
            injections += expected ? 1 : 0;
        }

        Assert.True(fingerprints.Count > 15_000 && injections > 100, $"{fingerprints.Count} fingerprints, {injections} injections");
    }

    [Fact]
    public void Script_url_precheck_agrees_with_reading_on_every_corpus_value()
    {
        int schemes = 0;
        foreach (var value in DetectorTestData.CorpusValues())
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            foreach (bool urlAttribute in new[] { false, true })
            {
                var expected = ScriptUrls.DangerousSchemeRead(bytes, urlAttribute);
                Assert.Equal(expected, ScriptUrls.DangerousScheme(bytes, urlAttribute));
                schemes += expected is null ? 0 : 1;
            }
        }

        Assert.True(schemes > 10, $"only {schemes} script URLs in the corpora");
        Assert.Equal("javascript:", ScriptUrls.DangerousScheme("javascript&colon;alert(1)"u8, false));
        Assert.Equal("javascript:", ScriptUrls.DangerousScheme("&#106;avascript&#58;alert(1)"u8, false));
    }

    [Fact]
    public void Detectors_told_a_values_char_classes_agree_with_detectors_that_search_on_every_corpus_and_random_value()
    {
        // The matcher hands each value's CharClasses to the detectors, which skip the readings whose bytes the value
        // cannot hold. Skipping must never change a verdict or its evidence.
        var random = new Random(1403);
        string alphabet = "aAzZ09 \t\r\n\f\v\0\x01\x7F<>\"'`=()[]{}-+:;&#%\\/.,!?*@$^|~_\u00BC\u00A0\u2018\u2019\u00B4\uFF1Cé";
        var randomValues = Enumerable.Range(0, 20_000).Select(_ =>
            new string([.. Enumerable.Range(0, random.Next(1, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]));
        int sqlHits = 0, xssHits = 0;
        foreach (var value in DetectorTestData.CorpusValues().Concat(randomValues))
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            ulong classes = EastWestIds.Signatures.Matching.CharClasses.Of(bytes);

            bool sql = SqlInjectionDetector.TryDetect(bytes, out var sqlMatch);
            Assert.True(sql == SqlInjectionDetector.TryDetect(bytes, classes, out var sqlTold) && sqlMatch == sqlTold, $"detect_sqli on '{value}'");
            bool xss = CrossSiteScriptingDetector.TryDetect(bytes, out var xssMatch);
            Assert.True(xss == CrossSiteScriptingDetector.TryDetect(bytes, classes, out var xssTold) && xssMatch == xssTold, $"detect_xss on '{value}'");
            sqlHits += sql ? 1 : 0;
            xssHits += xss ? 1 : 0;
        }

        Assert.True(sqlHits > 1_000 && xssHits > 100, $"{sqlHits} SQL and {xssHits} XSS detections");
    }

    private static IEnumerable<string> VocabularyVariants(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            yield return word;
            yield return word.ToLowerInvariant();
            yield return word.ToUpperInvariant();
            yield return char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();
        }
    }

    /// <summary>The words (runs the SQL tokenizer reads as one word) of every CRS and benign value.</summary>
    private static IEnumerable<string> CorpusWords()
    {
        var values = DetectorTestData.CorpusValues().Concat(File.ReadLines(DetectorTestData.BenignRequestsPath()));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            int start = -1;
            for (int i = 0; i <= value.Length; i++)
            {
                bool part = i < value.Length && (char.IsAsciiLetterOrDigit(value[i]) || value[i] is '_' or '$' or '.' || value[i] >= 0x80);
                if (part && start < 0)
                {
                    start = i;
                }
                else if (!part && start >= 0)
                {
                    // the whole word and, for qualified names, the head the tokenizer also looks up
                    var word = value[start..i];
                    int dot = word.IndexOf('.');
                    foreach (var candidate in dot > 0 ? [word, word[..dot]] : new[] { word })
                    {
                        if (seen.Add(candidate))
                        {
                            yield return candidate;
                        }
                    }

                    start = -1;
                }
            }
        }
    }
}
