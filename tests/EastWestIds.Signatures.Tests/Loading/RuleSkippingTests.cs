using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Tests.Loading;

/// <summary>
/// A third-party rule file (Emerging Threats style) mixes HTTP request rules with rules EastWestIds cannot apply by
/// design. Those are skipped and listed with their reason; everything else wrong stays an error, so a typo in an
/// HTTP rule is never mistaken for a rule of another sensor.
/// </summary>
public sealed class RuleSkippingTests
{
    private const string EtStyleFile = """
        alert http $HOME_NET any -> $EXTERNAL_NET any (msg:"ET WEB example"; flow:established,to_server; http.method; content:"GET"; http.uri; content:"/index.php?"; fast_pattern; pcre:"/id=[^&]*UNION/Ui"; reference:url,example.com; classtype:web-application-attack; sid:2012345; rev:3; metadata:signature_severity Major;)
        alert tcp $EXTERNAL_NET any -> $HOME_NET 445 (msg:"ET EXPLOIT SMB"; flow:established,to_server; content:"|ff|SMB"; sid:2012346; rev:1;)
        alert dns $HOME_NET any -> any any (msg:"ET DNS Query"; dns.query; content:"evil.com"; nocase; sid:2012347; rev:1;)
        alert TLS $HOME_NET any -> any any (msg:"ET TLS SNI"; tls.sni; content:"evil"; sid:2012348; rev:1;)
        alert http $EXTERNAL_NET any -> $HOME_NET any (msg:"ET response"; flow:established,to_client; http.stat_code; content:"200"; sid:2012349; rev:1;)
        alert http any any -> any any (msg:"ET server header"; http.server; content:"Apache"; sid:2012350; rev:1;)
        alert http any any -> any any (msg:"ET flowbits setter"; flow:established,to_server; http.uri; content:"/login"; flowbits:set,ET.login; flowbits:noalert; sid:2012351; rev:1;)
        alert http any any -> any any (msg:"ET scan"; flow:established,to_server; http.uri; content:"/wp-login.php"; threshold:type both, track by_src, count 5, seconds 60; sid:2012352; rev:1;)
        alert http any any -> any any (msg:"ET typo"; flow:established,to_server; http.uri; contnet:"/x"; sid:2012353; rev:1;)
        alert tcp any any -> any any (msg:"ET same sid as a loaded rule"; content:"x"; sid:2012345; rev:1;)
        """;

    [Fact]
    public void Load_EtStyleFile_LoadsTheRequestRules_SkipsTheOthersWithTheirReason_KeepsTypoErrors()
    {
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("et.rules", EtStyleFile)]);

        Assert.Equal([2012345, 2012352], result.Signatures.Select(s => s.Sid)); // threshold is implemented (AlertThresholds)
        SignatureLoadError error = Assert.Single(result.Errors);
        Assert.Equal(2012353, error.Sid);
        Assert.Contains("unknown keyword 'contnet'", error.Message);

        Assert.Equal(
            [
                (2012346L, SkipKind.OtherProtocol, "tcp"), (2012347L, SkipKind.OtherProtocol, "dns"), (2012348L, SkipKind.OtherProtocol, "tls"),
                (2012349L, SkipKind.Response, "flow:to_client"), (2012350L, SkipKind.Response, "http.server"),
                (2012351L, SkipKind.CrossRequestState, "flowbits"),
                (2012345L, SkipKind.OtherProtocol, "tcp"),
            ],
            result.Skipped.Select(s => (s.Sid!.Value, s.Kind, s.Subject)));
        SkippedSignature response = result.Skipped[3];
        Assert.Equal(5, response.Line);
        Assert.Equal("et.rules:5: sid 2012349: skipped: 'flow:established,to_client' inspects responses: EastWestIds sees requests only", response.ToString());
    }

    [Fact]
    public void Summary_OneLinePerKind_SubjectsByCount()
    {
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("et.rules", EtStyleFile)]);

        Assert.Equal(
            [
                "4 for other protocols (tcp 2, dns 1, tls 1)",
                "2 that inspect responses (flow:to_client 1, http.server 1)",
                "1 that need state across requests (flowbits 1)",
            ],
            SkippedSignature.Summary(result.Skipped));
        Assert.Empty(SkippedSignature.Summary([]));
    }

    [Theory]
    [InlineData("http.uri; content:\"/a\"; byte_extract:1,0,len,relative;", "byte_extract")]
    [InlineData("http.request_body; byte_math:bytes 1, offset 0, oper +, rvalue 1, result x;", "byte_math")]
    [InlineData("dsize:>10; http.uri; content:\"/a\";", "dsize")]
    [InlineData("http.uri; content:\"/a\"; TAG:session,5,packets;", "tag")]
    public void Load_SuricataKeywordNotImplemented_SkipsTheRule_NotLoadedWithoutIt(string options, string keyword)
    {
        // Loaded without the keyword the rule would match more than it says; it is skipped and named instead.
        SignatureLoadResult result = SignatureFileLoader.LoadTexts(
            [("x.rules", $"alert http any any -> any any (msg:\"m\"; flow:to_server; {options} sid:7;)")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Signatures);
        SkippedSignature skipped = Assert.Single(result.Skipped);
        Assert.Equal((SkipKind.UnsupportedKeyword, keyword), (skipped.Kind, skipped.Subject));
        Assert.Equal([$"1 with keywords EastWestIds does not implement ({keyword} 1)"], SkippedSignature.Summary(result.Skipped));
    }

    [Fact]
    public void Load_OwnRules_NothingSkipped()
    {
        // The shipped rules are all HTTP request rules: a skip there would be a shipped rule that silently never runs.
        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(TestCommon.RepositoryPaths.InRepository("signatures"));

        Assert.True(result.Succeeded);
        Assert.Empty(result.Skipped);
    }
}
