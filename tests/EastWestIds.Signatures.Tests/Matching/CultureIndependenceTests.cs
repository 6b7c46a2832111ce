using System.Globalization;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// The process runs with ICU (Directory.Build.props says why), so the host's locale reaches every culture-sensitive
/// call. A rule must match alike on every node: under a Turkish locale, where "I" lower-cases to "ı", a
/// case-insensitive rule for "script" still matches "SCRIPT".
/// </summary>
public sealed class CultureIndependenceTests
{
    [Theory]
    [InlineData("pcre:\"/<script/i\";")]
    [InlineData("pcre:\"/(?i)<script/\";")]
    [InlineData("pcre:\"/<script[^>]*>/i\";")]
    [InlineData("content:\"<script\"; nocase;")]
    public void CaseInsensitiveRule_MatchesUpperCase_UnderATurkishLocale(string options)
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
        try
        {
            // the locale really folds as Turkish does (ICU is loaded), else the test below would prove nothing
            Assert.Equal("ı", "I".ToLower(CultureInfo.CurrentCulture));
            Assert.True(TestEngine.Matches("http.uri; " + options, "/q?x=<SCRIPT>"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
