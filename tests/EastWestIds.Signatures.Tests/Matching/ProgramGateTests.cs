using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class ProgramGateTests
{
    [Fact]
    public void CharClasses_OfAValue_IsTheUnionOfItsBytesClasses()
    {
        var random = new Random(11);
        for (int round = 0; round < 2000; round++)
        {
            // mostly alphanumeric runs (the vectorized skip) with a few other bytes, like real values
            var value = new byte[random.Next(0, 80)];
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)"abcXYZ0189"[random.Next(10)];
            }

            ulong expected = 0;
            foreach (byte b in value)
            {
                expected |= CharClasses.Of(b);
            }

            Assert.Equal(expected, CharClasses.Of(value));
        }
    }

    [Fact]
    public void CharClasses_GiveEachPunctuationCharItsOwnBit_AndShareOneForLettersOfEitherCase()
    {
        var punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".Select(c => CharClasses.Of((byte)c)).ToHashSet();
        Assert.Equal(32, punctuation.Count);
        Assert.Equal(CharClasses.Of((byte)'a'), CharClasses.Of((byte)'Z'));
        Assert.NotEqual(CharClasses.Of((byte)'a'), CharClasses.Of((byte)'7'));
        Assert.NotEqual(CharClasses.Of(0), CharClasses.Of(1));
        Assert.DoesNotContain(CharClasses.Of((byte)'a'), punctuation);
    }

    [Fact]
    public void Gate_OfAPositiveContent_NeedsEveryClassOfItsBytes()
    {
        ProgramGate gate = ProgramGate.For([new ContentStep("a'1"u8.ToArray(), noCase: true, negated: false)]);

        Assert.True(gate.Admits(CharClasses.Of("X'9"u8)));
        Assert.False(gate.Admits(CharClasses.Of("abc 123"u8)));
        Assert.False(gate.Admits(CharClasses.Of("abc'"u8)));
    }

    [Fact]
    public void Gate_OfNegatedSteps_RequiresNothing()
    {
        ProgramGate gate = ProgramGate.For([new ContentStep("<"u8.ToArray(), noCase: false, negated: true)]);

        Assert.True(gate.Admits(CharClasses.Of("plain"u8)));
        Assert.True(gate.Admits(0));
    }

    [Fact]
    public void Gate_OfAPcre_NeedsOneOfItsRequiredChars()
    {
        var pcre = new PcreStep(new LazyRegex("[<>]x", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)), false, false, false)
        {
            // as the compiler sets them, from the pattern
            RequiredChars = SearchValues.Create("<>"),
            RequiredCharSets = EastWestIds.Signatures.Prefilter.RegexLiterals.RequiredCharSets("[<>]x", System.Text.RegularExpressions.RegexOptions.None),
        };
        ProgramGate gate = ProgramGate.For([pcre]);

        Assert.True(gate.Admits(CharClasses.Of("a>x"u8)));
        Assert.False(gate.Admits(CharClasses.Of("a=x"u8)));
    }

    [Fact]
    public void Gate_OfAPcreSequence_NeedsOneCharOfEachRequiredSet()
    {
        const string pattern = @"[\x27\x22`]\s*\w+\s*(?:--|#)";
        var pcre = new PcreStep(new LazyRegex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)), false, false, false)
        {
            RequiredCharSets = EastWestIds.Signatures.Prefilter.RegexLiterals.RequiredCharSets(pattern, System.Text.RegularExpressions.RegexOptions.None),
        };
        ProgramGate gate = ProgramGate.For([pcre]);

        Assert.True(gate.Admits(CharClasses.Of("x' or 1--"u8)));
        Assert.False(gate.Admits(CharClasses.Of("SKU-1003"u8)));
        Assert.False(gate.Admits(CharClasses.Of("it's"u8)));
    }

    [Fact]
    public void Matcher_RuleRunsOnTheValueItsLiteralWasFoundIn_IncludingValuesPast63()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.arg; content:\"evil\"; pcre:\"/ev(il)$/\";"));
        string[] args = [.. Enumerable.Range(0, 70).Select(i => "value" + i)];

        foreach (int at in new[] { 0, 5, 62, 63, 69 })
        {
            string[] request = [.. args];
            request[at] = "so evil";
            Assert.Equal(1, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpArg, request)));
            Assert.Equal(at, matcher.Matches[0].ValueIndex);
        }

        // The literal in one value and the pcre's match in another is no match: the program holds per value.
        string[] split = [.. args];
        split[3] = "evil x";
        split[64] = "ev il";
        Assert.Equal(0, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpArg, split)));
    }

    [Fact]
    public void Matcher_ARuleWhoseLiteralIsInAnotherBuffer_StillInspectsEveryValueOfItsOtherBuffers()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"/admin\"; http.arg; pcre:\"/^drop$/\";"));

        Assert.Equal(1, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpUri, "/admin").With(InspectionBuffer.HttpArg, "a", "b", "drop")));
    }

    [Fact]
    public void Detectors_NeverFlagOneRunOfLettersAndDigits_WhichIsWhyTheirGateSkipsSuchValues()
    {
        var words = (FrozenDictionary<string, SqlKeyword>)typeof(SqlKeywords)
            .GetField("s_words", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var tokens = new List<string>();
        // SQL Server's OPEN* rowset functions among them: the detector counts them as calls even without parentheses,
        // but alone, as a whole value, such a name does nothing (it needs an argument list, which brings punctuation).
        foreach (string word in words.Keys.Where(w => w.All(char.IsAsciiLetterOrDigit)))
        {
            tokens.AddRange([word, word.ToUpperInvariant(), "1" + word, word + "1", "1" + word + "1", "0x41" + word, word + word]);
        }

        tokens.AddRange(["script", "alert", "javascript", "onload", "onerror", "img", "svg", "iframe", "document", "cookie",
            "eval", "expression", "1", "0", "1e1", "0x7e", "admin", "or1", "1or1", "1and1", "union1select", "sleep5", "benchmark"]);
        var flagged = new List<string>();
        foreach (string token in tokens)
        {
            byte[] value = Encoding.ASCII.GetBytes(token);
            Assert.Equal(0UL, CharClasses.Of(value) & CharClasses.NotAlphanumeric);
            if (SqlInjectionDetector.TryDetect(value, out _) || CrossSiteScriptingDetector.TryDetect(value, out _))
            {
                flagged.Add(token);
            }
        }

        Assert.Empty(flagged);
    }
}
