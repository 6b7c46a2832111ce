using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Tests.Loading;

public sealed class SignatureFileLoaderTests : IDisposable
{
    // Real-world shapes: an ET-style one-liner with legacy metadata, a continued multi-line rule, a rule on the
    // EastWestIds buffers, and a Suricata 7 rule with transforms and hex content.
    private const string WebAttacks =
        """
        # Emerging Threats style
        alert http $EXTERNAL_NET any -> $HOME_NET any (msg:"ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT"; flow:established,to_server; http.uri; content:"UNION"; nocase; content:"SELECT"; nocase; distance:0; pcre:"/UNION\s+(?:ALL\s+)?SELECT/i"; classtype:web-application-attack; sid:2006446; rev:14; metadata:affected_product Web_Server_Applications, attack_target Web_Server, created_at 2010_07_30;)

        alert http any any -> any any (msg:"ET EXPLOIT Apache log4j RCE Attempt (http header)"; \
            flow:established,to_server; \
            http.header; content:"${jndi:"; nocase; fast_pattern; \
            pcre:"/\$\{jndi\:(?:ldaps?|rmi|dns)\:\/\//Hi"; \
            reference:cve,2021-44228; classtype:attempted-admin; sid:2034647; rev:2;)
        """;

    private const string MeshRules =
        """
        alert http any any -> any any (msg:"EWIDS traversal to service account token"; http.uri; url_decode; to_lowercase; content:"/var/run/secrets/kubernetes.io/serviceaccount/token"; sid:1000001; rev:1;)
        alert http any any -> any any (msg:"EWIDS frontend calling the payments admin API"; mesh.source_principal; content:"/sa/frontend"; endswith; mesh.destination_service; content:"payments"; startswith; http.uri; content:"/admin/"; sid:1000002;)
        alert http any any -> any any (msg:"EWIDS SQLi in an argument"; http.arg; detect_sqli; classtype:web-application-attack; sid:1000003;)
        alert http any any -> any any (msg:"EWIDS CRLF in a header value"; http.header.raw; content:"|0d 0a|Set-Cookie|3a|"; nocase; http.method; bsize:<8; urilen:>1; sid:1000004;)
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("ewids-sigs-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadDirectory_RealRulesInSeveralStyles_LoadWithTheExpectedStructure()
    {
        Write("web/web.rules", WebAttacks);
        Write("mesh/deeper/mesh.rules", MeshRules);
        Write("mesh/notes.txt", "this is not a rule file (\n");
        Write("web/web.cases.yaml", "- not: rules\n");

        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(_root);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal([1000001, 1000002, 1000003, 1000004, 2006446, 2034647], result.Signatures.Select(s => s.Sid));

        SignatureConfig union = result.Signatures.Single(s => s.Sid == 2006446);
        Assert.Equal("ET WEB_SERVER Possible SQL Injection Attempt UNION SELECT", union.Message);
        Assert.Equal(14, union.Rev);
        Assert.Equal("$EXTERNAL_NET", union.Syntax.Source);
        Assert.Equal(3, union.Metadata.Count);
        Assert.Equal(
            ["msg", "flow", "http.uri", "content", "nocase", "content", "nocase", "distance", "pcre", "classtype", "sid", "rev", "metadata"],
            union.Options.Select(o => o.Keyword));

        SignatureConfig log4j = result.Signatures.Single(s => s.Sid == 2034647);
        Assert.Equal(4, log4j.Syntax.Location.Line);
        Assert.Equal("${jndi:"u8.ToArray(), log4j.Options.OfType<ContentOption>().Single().Pattern);
        PcreOption pcre = log4j.Options.OfType<PcreOption>().Single();
        Assert.Equal(InspectionBuffer.HttpHeader, pcre.Buffer);
        Assert.Equal(7, pcre.Location.Line);
        Assert.Equal("2021-44228", Assert.Single(log4j.References).Value);

        SignatureConfig token = result.Signatures.Single(s => s.Sid == 1000001);
        Assert.Equal([TransformKind.UrlDecode, TransformKind.ToLowercase], token.Options.OfType<TransformOption>().Select(t => t.Kind));

        SignatureConfig lateral = result.Signatures.Single(s => s.Sid == 1000002);
        Assert.Equal(
            [InspectionBuffer.MeshSourcePrincipal, InspectionBuffer.MeshDestinationService, InspectionBuffer.HttpUri],
            lateral.Options.OfType<StickyBufferOption>().Select(b => b.Buffer));

        SignatureConfig crlf = result.Signatures.Single(s => s.Sid == 1000004);
        Assert.Equal("\r\nSet-Cookie:"u8.ToArray(), crlf.Options.OfType<ContentOption>().Single().Pattern);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void LoadDirectory_SeveralErrorsInSeveralFiles_AreAllReportedWithFileLineAndSid()
    {
        string a = Write("a/a.rules",
            """
            alert http any any -> any any (msg:"ok"; http.uri; content:"a"; sid:10;)
            alert http any any -> any any (msg:"bad keyword"; http.uri; content:"a"; http_urx; sid:11;)
            # a comment between
            alert http any any -> any any (msg:"bad modifier"; nocase; sid:12;)
            alert http any any -> any any (msg:"no sid"; http.uri; content:"a";)
            alert http any any -> any any (msg:"bad hex"; content:"|zz|"; sid:13; \
                pcre:"/x/q";)
            """);
        string b = Write("b/b.rules",
            """
            alert http any any -> any any (msg:"duplicate of a.rules"; http.uri; content:"b"; sid:10;)
            alert http any any (msg:"broken header"; sid:14;)
            alert http any any -> any any (msg:"ok"; http.host; content:"c"; sid:15;)
            """);

        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(_root);

        Assert.False(result.Succeeded);
        Assert.Equal([10, 15], result.Signatures.Select(s => s.Sid));
        Assert.Equal(
            [
                (a, 2, 11L, "unknown keyword 'http_urx'"),
                (a, 4, 12L, "nocase: must directly follow a content"),
                (a, 5, 0L, "rule has no 'sid'"),
                (a, 6, 13L, "content: 'z' is not a hex digit"),
                (a, 7, 13L, "pcre: unknown flag 'q'"),
                (b, 1, 10L, $"sid 10 is already used by the rule at {a}:1:1"),
                (b, 2, 14L, "rule header needs 7 fields"),
            ],
            result.Errors.Select(e => (e.File, e.Line, e.Sid ?? 0, Prefix(e.Message))));
        Assert.All(result.Errors, e => Assert.StartsWith($"{e.File}:{e.Line}:", e.ToString()));
    }

    private static string Prefix(string message) => message switch
    {
        _ when message.StartsWith("nocase: must directly follow a content", StringComparison.Ordinal) => "nocase: must directly follow a content",
        _ when message.StartsWith("content: 'z' is not a hex digit", StringComparison.Ordinal) => "content: 'z' is not a hex digit",
        _ when message.StartsWith("pcre: unknown flag 'q'", StringComparison.Ordinal) => "pcre: unknown flag 'q'",
        _ when message.StartsWith("rule header needs 7 fields", StringComparison.Ordinal) => "rule header needs 7 fields",
        _ => message,
    };

    [Fact]
    public void LoadDirectory_DuplicateSidInOneFile_KeepsTheFirstAndNamesIt()
    {
        string path = Write("dup.rules",
            "alert http any any -> any any (msg:\"one\"; sid:7;)\nalert http any any -> any any (msg:\"two\"; sid:7;)\n");

        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(_root);

        Assert.Equal("one", Assert.Single(result.Signatures).Message);
        SignatureLoadError error = Assert.Single(result.Errors);
        Assert.Equal($"{path}:2:1: sid 7: sid 7 is already used by the rule at {path}:1:1", error.ToString());
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_IsAnError()
    {
        string missing = Path.Combine(_root, "nope");

        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(missing);

        SignatureLoadError error = Assert.Single(result.Errors);
        Assert.Equal(missing, error.File);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void LoadDirectory_EmptyDirectory_SucceedsWithNoRules()
    {
        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(_root);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Signatures);
    }

    [Fact]
    public void LoadDirectory_BacktrackingPcre_IsAWarningNotAnError()
    {
        string path = Write("w.rules", "alert http any any -> any any (msg:\"w\"; http.uri; pcre:\"/(a)\\1/\"; sid:3;)\n");

        SignatureLoadResult result = SignatureFileLoader.LoadDirectory(_root);

        Assert.True(result.Succeeded);
        SignatureLoadError warning = Assert.Single(result.Warnings);
        Assert.Equal((path, 1, 3L), (warning.File, warning.Line, warning.Sid ?? 0));
    }
}
