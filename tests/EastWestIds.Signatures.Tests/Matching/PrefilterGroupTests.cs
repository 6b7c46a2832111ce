using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// Slots of one buffer (and a raw buffer with its normalized twin) are prefiltered by one joined pass while their values
/// are the same bytes. The joined pass must mark exactly the rules, and for each rule exactly the values, that every
/// slot's own pass marks: these compare a matcher that joins with one that does not, on random requests whose
/// transformed and twin values sometimes equal and sometimes differ from each other, value by value (members that
/// still agree are then scanned together with their subset's joined prefilter).
/// </summary>
public sealed class PrefilterGroupTests
{
    private static readonly string[] Rules =
    [
        TestEngine.Rule("http.header; content:\"secret\";", 1),
        TestEngine.Rule("http.header; to_lowercase; content:\"admin\";", 2),
        TestEngine.Rule("http.header.raw; content:\"Cookie\";", 3),
        TestEngine.Rule("http.header; strip_whitespace; content:\"a=b\";", 4),
        TestEngine.Rule("http.header.raw; content:\"ok\";", 5),
        TestEngine.Rule("http.arg; content:\"union\";", 6),
        TestEngine.Rule("http.arg; to_lowercase; content:\"select\";", 7),
        TestEngine.Rule("http.arg; content:\"|7C|\";", 8),
        TestEngine.Rule("http.arg; strip_whitespace; content:\"or1\";", 9),
        TestEngine.Rule("http.uri; content:\"/adm\";", 10),
        // five slots on http.arg: past four members only the whole group is joined; dotprefix never leaves a value equal
        TestEngine.Rule("http.arg; dotprefix; content:\".x\";", 11),
        TestEngine.Rule("http.arg; to_lowercase; strip_whitespace; content:\"or1\";", 12),
    ];

    private static readonly string[] Pieces =
        ["secret", "SECRET", "admin", "ADMIN", "Cookie", "cookie", "a=b", "a = b", "ok", "OK", "union", "UNION", "select",
         "SeLeCt", "|", "or1", "or 1", " ", "x", "Q", "\r\n", "/adm", "=", "a"];

    [Fact]
    public void Groups_SlotsOfOneBufferAndTwins_TogetherAndSingleSlotsAlone()
    {
        CompiledSignatureSet set = TestEngine.Compile(Rules);

        string[][] groups = [.. set.PrefilterGroups.Select(g => g.Members.Select(s => s.Key).Order(StringComparer.Ordinal).ToArray())];
        Assert.Equal(2, groups.Length);
        Assert.Contains(["http.arg", "http.arg; dotprefix", "http.arg; strip_whitespace", "http.arg; to_lowercase",
            "http.arg; to_lowercase; strip_whitespace"], groups);
        Assert.Contains(["http.header", "http.header.raw", "http.header; strip_whitespace", "http.header; to_lowercase"], groups);
        Assert.Equal(["http.uri"], set.UngroupedPrefilterSlots.Select(s => s.Key));
    }

    [Fact]
    public void JoinedScan_OnRandomRequests_MarksWhatEachSlotsOwnScanMarks()
    {
        CompiledSignatureSet set = TestEngine.Compile(Rules);
        var joined = new SignatureMatcher(set, joinScans: true);
        var separate = new SignatureMatcher(set, joinScans: false);
        var random = new Random(8);
        int joinedCandidates = 0;
        for (int i = 0; i < 2000; i++)
        {
            string header = Text(random);
            // the raw block equals the normalized one in most requests, as with no Cookie
            string raw = random.Next(3) == 0 ? Text(random) : header;
            string[] args = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => Text(random))];
            FakeBuffers request = new FakeBuffers()
                .With(InspectionBuffer.HttpHeader, header).With(InspectionBuffer.HttpHeaderRaw, raw)
                .With(InspectionBuffer.HttpArg, args).With(InspectionBuffer.HttpUri, Text(random));

            AssertSameMarks(joined, separate, request);
            joinedCandidates += joined.LastCandidates.Length;
        }

        Assert.True(joinedCandidates > 2000, "the random requests must mark rules for the comparison to mean anything");
    }

    [Fact]
    public void LargeFamily_PastEightSlots_TheRestScanAlone_AndMarksStayTheSame()
    {
        string[] chains = ["", "to_lowercase;", "strip_whitespace;", "dotprefix;", "to_lowercase; strip_whitespace;",
            "strip_whitespace; to_lowercase;", "to_lowercase; dotprefix;", "dotprefix; to_lowercase;", "strip_whitespace; dotprefix;",
            "dotprefix; strip_whitespace;"];
        CompiledSignatureSet set = TestEngine.Compile([.. chains.Select((c, i) => TestEngine.Rule($"http.arg; {c} content:\"or1\";", i + 1))]);
        Assert.Equal(8, Assert.Single(set.PrefilterGroups).Members.Length);
        Assert.Equal(2, set.UngroupedPrefilterSlots.Length);

        var joined = new SignatureMatcher(set, joinScans: true);
        var separate = new SignatureMatcher(set, joinScans: false);
        var random = new Random(10);
        for (int i = 0; i < 300; i++)
        {
            FakeBuffers request = new FakeBuffers().With(InspectionBuffer.HttpArg, [.. Enumerable.Range(0, 3).Select(_ => Text(random))]);
            AssertSameMarks(joined, separate, request);
        }
    }

    [Fact]
    public void JoinedScan_ValueOnlyATransformChanges_IsScannedByEachSlot()
    {
        CompiledSignatureSet set = TestEngine.Compile(Rules);
        var matcher = new SignatureMatcher(set);
        // "or 1" holds "or1" only after strip_whitespace: the joined pass over the untransformed bytes would miss it
        FakeBuffers request = new FakeBuffers().With(InspectionBuffer.HttpArg, "or1", "or 1", "x");

        Assert.Equal(3, matcher.Inspect(request)); // sids 9, 11 and 12
        Assert.Equal(0b011UL, matcher.LastCandidateValues(set.BySid[9].Index));
    }

    [Fact]
    public void JoinedScan_LiteralsEqualIgnoringCase_InTwoMembers_MarkTheRulesOfBoth()
    {
        // Each member holds its literals once ignoring case; joined, "a" of one and "A" of the other are one literal
        // with the rules of both. Keyed by case they were two, and the second took the first's one-byte slot.
        CompiledSignatureSet set = TestEngine.Compile(
            TestEngine.Rule("http.header; content:\"a\";", 1),
            TestEngine.Rule("http.header.raw; content:\"A\";", 2),
            TestEngine.Rule("http.header; content:\"xy\";", 3),
            TestEngine.Rule("http.header.raw; content:\"XY\";", 4));
        var joined = new SignatureMatcher(set, joinScans: true);
        var separate = new SignatureMatcher(set, joinScans: false);
        foreach (string block in new[] { "xa", "XA", "xy", "XY" })
        {
            var request = new FakeBuffers().With(InspectionBuffer.HttpHeader, block).With(InspectionBuffer.HttpHeaderRaw, block);
            AssertSameMarks(joined, separate, request);
        }

        Assert.Equal(1, joined.Inspect(new FakeBuffers().With(InspectionBuffer.HttpHeader, "xa").With(InspectionBuffer.HttpHeaderRaw, "xa")));
    }

    /// <summary>The joined matcher matches, marks and marks for the values what the separate one does on <paramref name="request"/>.</summary>
    private static void AssertSameMarks(SignatureMatcher joined, SignatureMatcher separate, FakeBuffers request)
    {
        Assert.Equal(separate.Inspect(request), joined.Inspect(request));
        Assert.Equal(separate.LastCandidates.ToArray(), joined.LastCandidates.ToArray());
        foreach (int rule in joined.LastCandidates)
        {
            Assert.Equal(separate.LastCandidateValues(rule), joined.LastCandidateValues(rule));
        }
    }

    private static string Text(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => Pieces[random.Next(Pieces.Length)]));
}
