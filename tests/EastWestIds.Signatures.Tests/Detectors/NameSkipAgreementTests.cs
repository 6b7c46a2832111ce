using System.Text;
using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// On long values <c>detect_xss</c> looks up the names its word-walking readings act on instead of visiting every word:
/// the JavaScript sinks are found where a sink name occurs, and the attribute readings are skipped when the value has
/// no <c>=</c>, no NUL and no dangerous attribute name. Both must answer exactly what visiting every word answers, with
/// the same evidence: checked on the corpus values and on long random text made of those very names, of near misses,
/// and of the bytes that decide the readings (chunk seams, more occurrences than the search visits, NULs inside names).
/// </summary>
public sealed class NameSkipAgreementTests
{
    private static readonly string[] Pieces =
    [
        "document", "window", "self", "top", "parent", "frames", "globalThis", "opener", "alert", "prompt", "confirm", "eval",
        "setTimeout", "Function", "atob", "fromCharCode", "constructor", "call", "apply", "cookie", "location", "write",
        "srcdoc", "SrcDoc", "formaction", "FSCommand", "attributeName", "seeksegmenttime", "src\0doc", "x:srcdoc",
        "selfie", "topic", "Documents", "evaluate", "alerts", "3self", "$top", "_window", "xalert", "stop", "desktop",
        "stop", "laptop",
        " ", " ", " ", "\n", "\t", ".", ".", "(", ")", "`", "[", "]", "\"", "'", "=", ">", "<", "/", "/*", "*/", "1", "x", "the",
        "and", "is", "a", "é", "\0",
    ];

    [Fact]
    public void DetectXss_LookingUpNames_AgreesWithVisitingEveryWord_OnCorpusAndLongRandomValues()
    {
        var random = new Random(2020);
        var longRandom = Enumerable.Range(0, 6_000).Select(_ =>
        {
            var text = new StringBuilder();
            int length = random.Next(NameOccurrence.WorthSearching - 8, random.Next(4) == 0 ? 2_000 : 400);
            while (text.Length < length)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            return text.ToString();
        });

        int hits = 0, searched = 0;
        foreach (string value in DetectorTestData.CorpusValues().Concat(longRandom))
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            ulong classes = CharClasses.Of(bytes);
            bool expected = CrossSiteScriptingDetector.TryDetectWalkingEveryWord(bytes, classes, out var every);
            bool actual = CrossSiteScriptingDetector.TryDetect(bytes, classes, out var looked);
            Assert.True(expected == actual && every == looked, $"detect_xss on '{value}': every word {expected} {every}, by names {actual} {looked}");

            bool sinkExpected = JavaScriptSinks.TryFind(bytes, askNames: false, out int s1, out int l1, out var n1);
            bool sinkActual = JavaScriptSinks.TryFind(bytes, askNames: true, out int s2, out int l2, out var n2);
            Assert.True(sinkExpected == sinkActual && s1 == s2 && l1 == l2 && n1.SequenceEqual(n2), $"sinks in '{value}'");

            hits += expected ? 1 : 0;
            searched += bytes.Length >= NameOccurrence.WorthSearching ? 1 : 0;
        }

        Assert.True(hits > 1_500 && searched > 5_000, $"{hits} detections, {searched} values long enough to search");
    }

    [Fact]
    public void NameOccurrence_FindsEveryOccurrence_AcrossChunkSeams_AndNothingElse()
    {
        var names = new NameOccurrence(["document", "top"], StringComparison.Ordinal);
        for (int at = 0; at < 1_600; at += 37)
        {
            byte[] value = Encoding.ASCII.GetBytes(new string('x', at) + "document" + new string('y', 40));
            Assert.Equal(at, names.IndexOf(value, 0));
            Assert.Equal(-1, names.IndexOf(value, at + 1));
            Assert.False(names.MayOccur(Encoding.ASCII.GetBytes(new string('x', at) + "Document" + "to p")));
        }

        var ignoringCase = new NameOccurrence(["srcdoc"], StringComparison.OrdinalIgnoreCase);
        Assert.True(ignoringCase.MayOccur("a SRCDOC b"u8));
        Assert.False(ignoringCase.MayOccur("a src doc b"u8));
    }

    /// <summary>
    /// The attribute readings from each quote and from the first space stop where they meet an earlier reading that
    /// flagged nothing. A reading that only passes over where the earlier one stood, or stands where the earlier one
    /// read a quoted value, must read on: text made of attribute pieces, with quotes that hide a handler from one
    /// reading and show it to another.
    /// </summary>
    [Fact]
    public void DetectXss_AttributeReadingsMeetingAnEarlierOne_AgreeWithReadingOnToTheEnd()
    {
        // the reading from the first " sees q=' onclick=x' as one quoted value; the one from the first ' sees onclick=x'
        Assert.True(CrossSiteScriptingDetector.TryDetect("p \"q=' onclick=x' r"u8, CharClasses.Of("p \"q=' onclick=x' r"u8), out _));

        string[] pieces = ["onclick", "srcdoc", "href", "title", "a", "b", "the", "=", "=", "\"", "'", "`", " ", " ", " ", "/",
            ">", "javascript:alert(1)", "x", "1", ".", "\n"];
        var random = new Random(22);
        int flagged = 0;
        for (int n = 0; n < 30_000; n++)
        {
            var text = new StringBuilder();
            int length = random.Next(8, random.Next(3) == 0 ? 400 : 90);
            while (text.Length < length)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            ulong classes = CharClasses.Of(bytes);
            bool expected = CrossSiteScriptingDetector.TryDetectWalkingEveryWord(bytes, classes, out var every);
            bool actual = CrossSiteScriptingDetector.TryDetect(bytes, classes, out var met);
            Assert.True(expected == actual && every == met, $"detect_xss on '{text}': reading on {expected} {every}, stopping on meeting {actual} {met}");
            flagged += expected ? 1 : 0;
        }

        Assert.InRange(flagged, 5_000, 28_000);
    }
}
