using EastWestIds.Core.Findings;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Tests.Inspection;

namespace EastWestIds.Engine.Tests.Signatures;

public sealed class SignatureStageTests
{
    private const string Rules =
        """
        alert http any any -> any any (msg:"traversal"; http.uri; content:"/etc/passwd"; classtype:web-application-attack; sid:9403001; rev:2;)
        alert http any any -> any any (msg:"union in arg"; http.arg; content:"union"; nocase; content:"select"; nocase; distance:1; classtype:web-application-attack; sid:9408001;)
        alert http any any -> any any (msg:"productpage calling the admin API"; mesh.source_principal; content:"/sa/bookinfo-productpage"; endswith; mesh.destination_service; content:"reviews"; startswith; http.uri; content:"/admin"; startswith; classtype:policy-violation; sid:1000001;)
        alert http any any -> any any (msg:"h2 only"; http.request_line; content:"HTTP/2"; endswith; sid:1000002;)
        """;

    private static string Get(string target, string host = "reviews-shadow:9080", string extra = "") =>
        $"GET {target} HTTP/1.1\r\nHost: {host}\r\nx-forwarded-client-cert: {Raw.Xfcc}\r\n{extra}\r\n";

    private static Finding[] SignatureFindings(PipelineHarness harness) =>
        [.. harness.Context.Findings.Where(f => f.Signature.Sid < 9100000 || f.Signature.Sid >= 9400000)];

    [Fact]
    public void Signature_MatchInTheNormalizedUri_IsAFindingWithBufferOffsetAndEvidence()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get("/static/..%2f..%2fetc/passwd"));

        Finding finding = Assert.Single(SignatureFindings(harness));
        Assert.Equal(9403001, finding.Signature.Sid);
        Assert.Equal(2, finding.Signature.Rev);
        Assert.Equal("Web Application Attack", finding.Signature.Category);
        Assert.Equal(FindingFamily.Attack, finding.Signature.Family);
        Assert.Equal("http.uri[0]@0: /etc/passwd", finding.Detail);
        Assert.Contains(harness.Output.Lines, l => l.Contains("\"signature_id\":9403001", StringComparison.Ordinal));
    }

    [Fact]
    public void Signature_DecodedQueryArgument_Matches()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get("/search?q=1%20UNION%20SELECT%20password&page=2"));

        Finding finding = Assert.Single(SignatureFindings(harness));
        Assert.Equal(9408001, finding.Signature.Sid);
        Assert.StartsWith("http.arg[0]@", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PassRule_ForADestination_SilencesItsSignatureAlerts_OnlyThere()
    {
        // The recipe of signatures/README.md "Quieting what a service receives by design": telemetry exports carry SQL
        // statements as span attributes; a local pass rule quiets them for the collector, and only for it.
        const string rules =
            """
            alert http any any -> any any (msg:"union select"; http.arg; content:"union"; nocase; content:"select"; nocase; distance:1; classtype:web-application-attack; sid:9408001;)
            pass http any any -> any any (msg:"LOCAL telemetry exports to the OpenTelemetry collector"; flow:to_server; mesh.destination_service; content:"otel-collector"; startswith; http.method; content:"POST"; http.uri; content:"/v1/"; startswith; sid:1000100; rev:1;)
            """;
        var harness = new PipelineHarness(rules: rules);
        const string Body = "{\"spans\":[{\"db.statement\":\"SELECT id FROM users UNION SELECT password FROM admins\"}]}";
        string Post(string host) =>
            $"POST /v1/traces HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\nx-forwarded-client-cert: {Raw.Xfcc}\r\n\r\n{Body}";

        harness.Inspect(Post("otel-collector.observability:4318"));
        Assert.Empty(SignatureFindings(harness));

        harness.Inspect(Post("reviews:9080"));
        Assert.Equal([9408001], SignatureFindings(harness).Select(f => f.Signature.Sid));
    }

    [Fact]
    public void MeshBuffers_CarryTheValidatedCallerAndTheCalleeWithoutShadowSuffix()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get("/admin/users"));
        Assert.Equal([1000001], SignatureFindings(harness).Select(f => f.Signature.Sid));

        harness.Inspect(Get("/admin/users", host: "ratings:9080"));
        Assert.Empty(SignatureFindings(harness));
    }

    [Fact]
    public void MeshSourcePrincipal_NeverComesFromARelayedXfccElement()
    {
        var harness = new PipelineHarness(rules: Rules);
        string forged = "URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage," + Raw.Xfcc.Replace("bookinfo-productpage", "attacker", StringComparison.Ordinal);
        harness.Inspect($"GET /admin HTTP/1.1\r\nHost: reviews:9080\r\nx-forwarded-client-cert: {forged}\r\n\r\n");

        Assert.DoesNotContain(harness.Context.Findings, f => f.Signature.Sid == 1000001);
    }

    [Fact]
    public void DecodingAnomaly_IsABuiltInProtocolFinding()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get("/files/%252e%252e/x"));

        Finding finding = Assert.Single(harness.Context.Findings, f => f.Signature.Sid == DecodingFindings.DoubleEncoding.Sid);
        Assert.Equal(FindingFamily.Protocol, finding.Signature.Family);
    }

    [Fact]
    public void RejectedRequest_IsNotSignatureMatched()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect("GET /etc/passwd HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n");

        Assert.Equal([BuiltInSignatures.SmugglingClAndTe.Sid], harness.Context.Findings.Select(f => f.Signature.Sid).Where(s => s < 9200000));
    }

    [Fact]
    public void Reload_SwapsTheWholeSet_NextRequestUsesIt()
    {
        var harness = new PipelineHarness(rules: Rules);
        harness.Inspect(Get("/etc/passwd"));
        Assert.Single(SignatureFindings(harness));

        var replacement = EastWestIds.Signatures.Compilation.SignatureSetLoader.LoadTexts(
            [("new.rules", "alert http any any -> any any (msg:\"other\"; http.uri; content:\"/other\"; sid:1000009;)")]);
        harness.Pipeline.Signatures!.Swap(replacement.Set!);

        harness.Inspect(Get("/etc/passwd"));
        Assert.Empty(SignatureFindings(harness));
        harness.Inspect(Get("/other"));
        Assert.Equal([1000009], SignatureFindings(harness).Select(f => f.Signature.Sid));
    }

    [Fact]
    public void Pipeline_WithoutSignatures_RaisesNoSignatureFindings()
    {
        var harness = new PipelineHarness();
        harness.Inspect(Get("/etc/passwd"));

        Assert.Empty(SignatureFindings(harness));
        Assert.Null(harness.Pipeline.Signatures);
    }
}
