using System.Text;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Tests.Syntax;

public class SignatureParserTests
{
    private static (IReadOnlyList<SignatureSyntax> Rules, List<SignatureLoadError> Errors) Parse(string text)
    {
        var errors = new List<SignatureLoadError>();
        return (SignatureParser.Parse(text, "t.rules", errors), errors);
    }

    private static SignatureSyntax Single(string text)
    {
        (IReadOnlyList<SignatureSyntax> rules, List<SignatureLoadError> errors) = Parse(text);
        Assert.Empty(errors);
        return Assert.Single(rules);
    }

    [Fact]
    public void Parse_StickyBufferRule_GivesHeaderAndOrderedOptions()
    {
        SignatureSyntax rule = Single(
            "alert http $EXTERNAL_NET any -> $HOME_NET [80,8080] (msg:\"ET WEB_SERVER Possible SQLi UNION SELECT\"; " +
            "flow:established,to_server; http.uri; content:\"UNION\"; nocase; content:\"SELECT\"; nocase; distance:0; " +
            "pcre:\"/UNION\\s+SELECT/Ui\"; classtype:web-application-attack; sid:2006446; rev:14;)");

        Assert.Equal("alert", rule.Action);
        Assert.Equal("http", rule.Protocol);
        Assert.Equal("$EXTERNAL_NET", rule.Source);
        Assert.Equal("any", rule.SourcePort);
        Assert.Equal(RuleDirection.ToDestination, rule.Direction);
        Assert.Equal("$HOME_NET", rule.Destination);
        Assert.Equal("[80,8080]", rule.DestinationPort);
        Assert.Equal(
            ["msg", "flow", "http.uri", "content", "nocase", "content", "nocase", "distance", "pcre", "classtype", "sid", "rev"],
            rule.Options.Select(o => o.Name));
        Assert.Equal("\"ET WEB_SERVER Possible SQLi UNION SELECT\"", rule.Options[0].Value);
        Assert.Equal("established,to_server", rule.Options[1].Value);
        Assert.Null(rule.Options[2].Value);
        Assert.Equal("\"/UNION\\s+SELECT/Ui\"", rule.Options[8].Value);
        Assert.Equal("2006446", rule.Options[10].Value);
    }

    [Fact]
    public void Parse_BidirectionalAndBracketedAddressesWithSpaces_KeepsFieldsAsText()
    {
        SignatureSyntax rule = Single("pass http [10.0.0.0/8, !10.1.0.0/16] any <> any any (msg:\"x\"; sid:1;)");

        Assert.Equal("pass", rule.Action);
        Assert.Equal("[10.0.0.0/8, !10.1.0.0/16]", rule.Source);
        Assert.Equal(RuleDirection.Bidirectional, rule.Direction);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_AreSkippedAndLinesCounted()
    {
        string text = "# header comment\r\n\r\n   # indented comment\r\nalert http any any -> any any (msg:\"a\"; sid:1;)\r\n\r\n" +
                      "alert http any any -> any any (msg:\"b\"; sid:2;)\r\n";

        (IReadOnlyList<SignatureSyntax> rules, List<SignatureLoadError> errors) = Parse(text);

        Assert.Empty(errors);
        Assert.Equal([4, 6], rules.Select(r => r.Location.Line));
        Assert.Equal("\"b\"", rules[1].Options[0].Value);
    }

    [Fact]
    public void Parse_ContinuationLines_JoinIntoOneRuleWithPhysicalLocations()
    {
        string text = "alert http any any -> any any ( \\\n" +
                      "    msg:\"multi line\"; \\\n" +
                      "    http.host; content:\"evil\"; \\\n" +
                      "    sid:7;)\n" +
                      "alert http any any -> any any (msg:\"next\"; sid:8;)\n";

        (IReadOnlyList<SignatureSyntax> rules, List<SignatureLoadError> errors) = Parse(text);

        Assert.Empty(errors);
        Assert.Equal(2, rules.Count);
        SignatureSyntax rule = rules[0];
        Assert.Equal(["msg", "http.host", "content", "sid"], rule.Options.Select(o => o.Name));
        Assert.Equal(new SourceLocation("t.rules", 2, 5), rule.Options[0].Location);
        Assert.Equal(new SourceLocation("t.rules", 3, 16), rule.Options[2].Location);
        Assert.Equal(new SourceLocation("t.rules", 3, 24), rule.Options[2].ValueLocation);
        Assert.Equal(new SourceLocation("t.rules", 4, 5), rule.Options[3].Location);
        Assert.Equal(5, rules[1].Location.Line);
    }

    [Fact]
    public void Parse_EscapedSemicolonAndQuoteInValue_DoNotEndTheOption()
    {
        SignatureSyntax rule = Single("alert http any any -> any any (msg:\"a\\;b \\\"q\\\" c\\\\\"; content:\"x\\;y\"; sid:3;)");

        Assert.Equal("\"a\\;b \\\"q\\\" c\\\\\"", rule.Options[0].Value);
        Assert.Equal("\"x\\;y\"", rule.Options[1].Value);
        Assert.Equal("sid", rule.Options[2].Name);
    }

    [Fact]
    public void Parse_ParenthesesInsidePcre_StayInTheValue()
    {
        SignatureSyntax rule = Single("alert http any any -> any any (pcre:\"/(a|b)\\)/i\"; msg:\"m\"; sid:4;)");

        Assert.Equal("\"/(a|b)\\)/i\"", rule.Options[0].Value);
    }

    [Fact]
    public void Parse_UnescapedSemicolonInsideQuotes_EndsTheOptionAsInSuricataAndIsReported()
    {
        (IReadOnlyList<SignatureSyntax> rules, List<SignatureLoadError> errors) = Parse("alert http any any -> any any (msg:\"a;b\"; sid:5;)");

        Assert.Empty(rules);
        SignatureLoadError error = Assert.Single(errors);
        Assert.Equal("'b\"' is not a valid option name", error.Message);
        Assert.Equal((1, 39, 5L), (error.Line, error.Column, error.Sid ?? 0));
    }

    [Theory]
    [InlineData("alert http any any -> any any msg:\"x\"; sid:1;", "no option list", 1)]
    [InlineData("alert http any -> any any (msg:\"x\"; sid:1;)", "needs 7 fields", 1)]
    [InlineData("alert http any any <- any any (msg:\"x\"; sid:1;)", "direction must be", 20)]
    [InlineData("alert http any any -> any any (msg:\"x\"; sid:1", "not closed by ')'", 31)]
    [InlineData("alert http any any -> any any (msg:\"x\"; sid:1)", "'sid' is not terminated by ';'", 41)]
    [InlineData("alert http any any -> any any (msg:\"x\";  ; sid:1;)", "empty option name", 42)]
    public void Parse_MalformedRule_ReportsLineColumnAndSid(string rule, string message, int column)
    {
        (IReadOnlyList<SignatureSyntax> rules, List<SignatureLoadError> errors) = Parse("# c\n" + rule + "\n");

        Assert.Empty(rules);
        SignatureLoadError error = Assert.Single(errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(2, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(1, error.Sid);
        Assert.StartsWith($"t.rules:2:{column}: sid 1: ", error.ToString());
    }

    [Fact]
    public void Parse_SeveralBadRules_ReportsEachAndKeepsTheGoodOnes()
    {
        string text = "alert http any any -> any any (msg:\"ok\"; sid:1;)\n" +
                      "alert http any -> any any (msg:\"x\"; sid:2;)\n" +
                      "alert http any any -> any any (msg:\"ok\"; sid:3;)\n" +
                      "alert http any any => any any (msg:\"x\"; sid:4;)\n";

        (IReadOnlyList<SignatureSyntax> rules, List<SignatureLoadError> errors) = Parse(text);

        Assert.Equal([1, 3], rules.Select(r => r.Location.Line));
        Assert.Equal([(2, 2L), (4, 4L)], errors.Select(e => (e.Line, e.Sid ?? 0)));
    }

    [Fact]
    public void Parse_MalformedRuleWithSidTextInMsg_ReportsTheRealSid()
    {
        (_, List<SignatureLoadError> errors) = Parse("alert http any any -> any any (msg:\"see sid:99\"; sid:42)");

        Assert.Equal(42, Assert.Single(errors).Sid);
    }

    [Fact]
    public void Parse_ContinuationAtEndOfFile_StillParsesTheRule()
    {
        SignatureSyntax rule = Single("alert http any any -> any any (msg:\"x\"; sid:1;) \\");

        Assert.Equal(2, rule.Options.Count);
    }

    [Fact]
    public void Parse_Utf8Text_IsKept()
    {
        SignatureSyntax rule = Single(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes("alert http any any -> any any (msg:\"café ☕\"; sid:1;)")));

        Assert.Equal("\"café ☕\"", rule.Options[0].Value);
    }
}
