using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// A value equal to an earlier value of its slot (JSON keys repeated in every item of an array) is neither prefiltered
/// nor evaluated. These compare a matcher that skips such repeats with one that does not, on random requests made of
/// few distinct values: the same rules must match, with the same evidence (buffer, value, span).
/// </summary>
public sealed class RepeatedValueTests
{
    private static readonly string[] Rules =
    [
        TestEngine.Rule("http.arg; content:\"union\"; nocase;", 1),
        TestEngine.Rule("http.arg; to_lowercase; content:\"select\";", 2),
        TestEngine.Rule("http.arg; content:\"or\"; pcre:\"/\\bor\\s+1\\b/\";", 3),
        TestEngine.Rule("http.arg_name; content:\"$where\";", 4),
        TestEngine.Rule("http.arg_name; bsize:>5;", 5),
        TestEngine.Rule("http.arg; detect_sqli;", 6),
        TestEngine.Rule("http.arg; dotprefix; content:\".<x\"; content:\"y\"; distance:0; within:3;", 7),
        TestEngine.Rule("http.header; content:\"evil\";", 8),
        TestEngine.Rule("http.header.raw; content:\"Cookie\"; http.arg; content:\"1\";", 9),
        TestEngine.Rule("http.arg; strip_whitespace; content:\"or1\";", 10),
        TestEngine.Rule("http.arg; content:!\"ok\"; content:\"a\";", 11),
    ];

    private static readonly string[] Values =
        ["union", "UNION", "select", "SeLeCt x", "or 1", "or  1", "1", "a", "ok a", "%3Cxy", "<x y", "' or 1=1--", "$where", "longname",
         "x", "", "or1", "evil", "Cookie", "or 2", "unioo", "$wherx", "ok b", "<x z"];

    [Fact]
    public void SkippingRepeats_OnRandomRequestsOfFewDistinctValues_MatchesWhatEvaluatingEveryValueMatches()
    {
        CompiledSignatureSet set = TestEngine.Compile(Rules);
        var skipping = new SignatureMatcher(set, joinScans: true, skipRepeats: true);
        var every = new SignatureMatcher(set, joinScans: true, skipRepeats: false);
        var random = new Random(9);
        int matched = 0;
        for (int i = 0; i < 3000; i++)
        {
            // up to 80 values drawn from a few, so that most repeat; every third request up to 200 drawn from more than the
            // table of distinct values holds (later distinct ones are then not looked up), with long shared prefixes
            string[] args = i % 3 == 0
                ? [.. Enumerable.Range(0, random.Next(0, 200)).Select(_ => random.Next(4) == 0 ? Values[random.Next(Values.Length)] : LongValue(random.Next(150)))]
                : [.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => Values[random.Next(Values.Length)])];
            string[] names = [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => Values[random.Next(Values.Length)])];
            string header = string.Join("\r\n", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Values[random.Next(Values.Length)]));
            string raw = random.Next(2) == 0 ? header : header + "\r\nCookie: x";
            FakeBuffers request = new FakeBuffers()
                .With(InspectionBuffer.HttpArg, args).With(InspectionBuffer.HttpArgName, names)
                .With(InspectionBuffer.HttpHeader, header).With(InspectionBuffer.HttpHeaderRaw, raw);

            int count = every.Inspect(request);
            Assert.Equal(count, skipping.Inspect(request));
            Assert.Equal(Describe(every.Matches), Describe(skipping.Matches));
            matched += count;
        }

        Assert.True(matched > 3000, "the random requests must match rules for the comparison to mean anything");
    }

    [Fact]
    public void RepeatedKeys_AreScannedOnce_TheFirstOccurrenceIsTheEvidence()
    {
        CompiledSignatureSet set = TestEngine.Compile(Rules);
        var matcher = new SignatureMatcher(set);
        FakeBuffers request = new FakeBuffers().With(InspectionBuffer.HttpArgName, "sku", "$where", "sku", "$where", "$where");

        Assert.Equal(2, matcher.Inspect(request)); // 4 ($where) and 5 (bsize > 5)
        Assert.Equal(0b10UL, matcher.LastCandidateValues(set.BySid[4].Index)); // value 1 marked; 3 and 4 repeat it
        SignatureMatch where = Assert.Single(matcher.Matches.ToArray(), m => m.Signature.Sid == 4);
        Assert.Equal(1, where.ValueIndex);
    }

    /// <summary>Values of one length that share their first eight bytes and differ in what they match.</summary>
    private static string LongValue(int n) => $"a long shared prefix {n:D3} {(n % 2 == 0 ? "union" : "xxxxx")}";

    private static string[] Describe(ReadOnlySpan<SignatureMatch> matches)
    {
        var described = new string[matches.Length];
        for (int i = 0; i < matches.Length; i++)
        {
            SignatureMatch m = matches[i];
            described[i] = $"{m.Signature.Sid} {m.Buffer} {m.ValueIndex} {m.Offset} {m.Length} {m.Evidence}";
        }

        return described;
    }
}
