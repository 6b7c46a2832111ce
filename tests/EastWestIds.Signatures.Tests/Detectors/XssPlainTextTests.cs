using System.Text;
using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// <see cref="XssPlainText"/> answers "no cross-site scripting" without the detector's readings; wherever it does, the
/// full detector must find nothing either.
/// </summary>
public sealed class XssPlainTextTests
{
    [Fact]
    public void Where_it_says_plain_the_detector_finds_nothing_on_corpus_and_name_rich_values()
    {
        // the names the readings act on (dangerous attributes, sinks and their members, the CSS binding marker), in
        // several cases, among prose, so that "x srcdoc", "document.cookie" and "-moz-binding" are among the values
        string[] words = [.. JavaScriptSinks.SinkNames, "cookie", "location", "domain", "write", "srcdoc", "SrcDoc", "formaction",
            "attributename", "fscommand", "seeksegmenttime", "binding", "BINDING", "moz", "-moz-binding", "url", "onload", "onerror",
            "Trail", "running", "shoe", "size", "SKU", "40", "x86_64", "537.36", "a", "x", "_", "-", ".", ",", "1.0", "en-GB"];
        string[] separators = [" ", "", ".", "-", ", ", " - ", "  "];
        var (plain, detections) = PlainTextAgreement.Check(words, separators, 1405, XssPlainText.IsPlain,
            value => CrossSiteScriptingDetector.TryDetect(value, out _));
        Assert.True(plain > 10_000 && detections > 1_000, $"{plain} plain values, {detections} detections");
    }

    [Theory]
    [InlineData("Trail running shoe size 40", true)]
    [InlineData("SKU-1000", true)]
    [InlineData("en-GB, fr.FR", true)]
    [InlineData("x srcdoc", false)] // a dangerous attribute name after a space
    [InlineData("see formatted", false)] // the shape of one is enough
    [InlineData("document.cookie", false)] // a sink's name
    [InlineData("x -moz-binding", false)]
    [InlineData("a<b", false)] // a byte outside plain text
    public void Plain_text_has_no_word_a_reading_acts_on(string value, bool plain)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Assert.Equal(plain, XssPlainText.IsPlain(bytes, CharClasses.Of(bytes)));
        Assert.False(XssPlainText.IsPlain(bytes, CharClasses.Unknown)); // classes not known: never
    }
}
