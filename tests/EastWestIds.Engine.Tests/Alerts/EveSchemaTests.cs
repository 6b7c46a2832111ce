using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Tests.Inspection;
using Json.Schema;

namespace EastWestIds.Engine.Tests.Alerts;

/// <summary>
/// Every line we write, with its one extra <c>mesh</c> object removed, validates against Suricata's own EVE
/// schema (<c>../shared/eve-schema.json</c>), so SIEM pipelines built for Suricata take it unchanged.
/// </summary>
public sealed class EveSchemaTests
{
    /// <summary>
    /// Suricata's schema carries its own annotation keyword (<c>suricata</c>) and a misspelt <c>desription</c>;
    /// JSON Schema 2020-12 validators refuse unknown keywords unless told to treat them as annotations.
    /// </summary>
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var dialect = Dialect.Draft202012.With([], new Uri("https://eastwestids.invalid/eve-dialect"), refIgnoresSiblingKeywords: null, allowUnknownKeywords: true);
        return JsonSchema.FromText(File.ReadAllText(SharedFiles.Path("eve-schema.json")), new BuildOptions { Dialect = dialect });
    });

    public static TheoryData<string, string> Requests => new()
    {
        { "clean mirror", Raw.DesignExample },
        { "no xfcc", "GET /a?b=c HTTP/1.1\r\nHost: ratings.bookinfo:9080\r\nUser-Agent: curl/8\r\n\r\n" },
        { "hostile bytes", "GET /\xff\xfe%00<script> HTTP/1.1\r\nHost: x\r\nUser-Agent: \xc3\x28\"quote\r\nx-forwarded-client-cert: URI=spiffe://evil.example/ns/a/sa/b\r\n\r\n" },
        { "post with body", "POST /api HTTP/1.1\r\nHost: api.prod.svc.cluster.local\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}" },
        { "rejected", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n" },
        { "absolute form", "GET http://reviews.default:9080/x HTTP/1.1\r\nHost: ignored\r\n\r\n" },
        { "ipv6 host", "GET / HTTP/1.1\r\nHost: [fd00::1]-shadow:80\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void EveLines_WithoutMesh_ValidateAgainstSuricataSchema(string name, string raw)
    {
        var harness = new PipelineHarness();
        harness.Inspect(raw);

        Assert.NotEmpty(harness.Output.Lines);
        foreach (var line in harness.Output.Lines)
        {
            var node = JsonNode.Parse(line)!.AsObject();
            Assert.True(node.Remove("mesh"), $"{name}: every line carries the mesh object");
            using var document = JsonDocument.Parse(node.ToJsonString());
            var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, $"{name}: {line}\n{JsonSerializer.Serialize(result)}");
        }
    }

    [Fact]
    public void CollapsedAlert_WithRelatedSids_ValidatesAgainstSuricataSchema()
    {
        const string rules =
            """
            alert http any any -> any any (msg:"sqli (URI)"; http.uri; content:"union"; nocase; classtype:web-application-attack; sid:1000010; metadata:ewids_family sqli;)
            alert http any any -> any any (msg:"sqli (argument)"; http.arg; content:"select"; nocase; classtype:web-application-attack; sid:1000012; metadata:ewids_family sqli;)
            """;
        var harness = new PipelineHarness(rules: rules);
        harness.Inspect("GET /r?id=1%20UNION%20SELECT%201 HTTP/1.1\r\nHost: ratings\r\n\r\n");

        var line = harness.Output.Lines.Single(l => l.Contains("\"signature_id\":1000010", StringComparison.Ordinal));
        Assert.Contains("\"ewids_related_sids\":[\"1000012\"]", line, StringComparison.Ordinal);
        var node = JsonNode.Parse(line)!.AsObject();
        Assert.True(node.Remove("mesh"));
        using var document = JsonDocument.Parse(node.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{line}\n{JsonSerializer.Serialize(result)}");
    }

    [Fact]
    public void Alert_CarriesTheRulesMetadata_AsSuricataWritesIt()
    {
        // Emerging Threats rules carry their severity, target and former category in metadata, and SIEM pipelines built
        // for Suricata read them from alert.metadata: each key once, with its values in an array.
        const string rules =
            """
            alert http any any -> any any (msg:"ET WEB_SERVER test"; http.uri; content:"/etc/passwd"; classtype:web-application-attack; sid:2000001; rev:3; metadata:attack_target Web_Server, signature_severity Major, tag Exploit, ewids_family lfi, tag Path_Traversal;)
            """;
        var harness = new PipelineHarness(rules: rules);
        harness.Inspect("GET /x/../../etc/passwd HTTP/1.1\r\nHost: ratings\r\n\r\n");

        var line = harness.Output.Lines.Single(l => l.Contains("\"signature_id\":2000001", StringComparison.Ordinal));
        var metadata = JsonNode.Parse(line)!["alert"]!["metadata"]!.AsObject();
        Assert.Equal("[\"Web_Server\"]", metadata["attack_target"]!.ToJsonString());
        Assert.Equal("[\"Major\"]", metadata["signature_severity"]!.ToJsonString());
        Assert.Equal("[\"Exploit\",\"Path_Traversal\"]", metadata["tag"]!.ToJsonString());
        Assert.Equal("[\"attack\"]", metadata["ewids_family"]!.ToJsonString()); // the finding family, written once
        var node = JsonNode.Parse(line)!.AsObject();
        Assert.True(node.Remove("mesh"));
        using var document = JsonDocument.Parse(node.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{line}\n{JsonSerializer.Serialize(result)}");
    }

    [Fact]
    public void Schema_IsReallyChecked_AnExtraTopLevelFieldFails()
    {
        var harness = new PipelineHarness();
        harness.Inspect(Raw.DesignExample);
        var node = JsonNode.Parse(harness.Output.Lines[0])!.AsObject();

        using var document = JsonDocument.Parse(node.ToJsonString()); // still has "mesh"
        Assert.False(Schema.Value.Evaluate(document.RootElement).IsValid);
    }

    [Fact]
    public void EveLines_AreSingleLines_EndingWithNewline()
    {
        var harness = new PipelineHarness();
        harness.Inspect("GET /a\r\nb HTTP/1.1\r\nHost: x\r\n\r\n");
        harness.Inspect(Raw.DesignExample);

        Assert.All(harness.Output.Lines, line =>
        {
            Assert.EndsWith("\n", line);
            Assert.DoesNotContain('\n', line[..^1]);
        });
    }

    [Fact]
    public void Alert_CarriesSuricataFieldsAndMeshContext()
    {
        var harness = new PipelineHarness();
        harness.Inspect("GET /x HTTP/1.1\r\nHost: reviews\r\nx-request-id: r-1\r\ntraceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n");

        var alert = harness.Output.Alerts(BuiltInSignatures.XfccMissing.Sid).Single();
        Assert.Equal("alert", alert.GetProperty("event_type").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0000$", alert.GetProperty("timestamp").GetString());
        Assert.Equal("127.0.0.6", alert.GetProperty("src_ip").GetString());
        Assert.Equal(41000, alert.GetProperty("src_port").GetInt32());
        Assert.Equal("10.1.0.9", alert.GetProperty("dest_ip").GetString());
        Assert.Equal(8080, alert.GetProperty("dest_port").GetInt32());
        Assert.Equal("TCP", alert.GetProperty("proto").GetString());
        Assert.StartsWith("1:", alert.GetProperty("community_id").GetString());
        var a = alert.GetProperty("alert");
        Assert.Equal(BuiltInSignatures.XfccMissing.Message, a.GetProperty("signature").GetString());
        Assert.Equal(2, a.GetProperty("severity").GetInt32());
        Assert.Equal("Potential Corporate Privacy Violation", a.GetProperty("category").GetString());
        var mesh = alert.GetProperty("mesh");
        Assert.Equal("r-1", mesh.GetProperty("request_id").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", mesh.GetProperty("trace_id").GetString());
        Assert.False(mesh.TryGetProperty("source_principal", out _));
        Assert.Equal("reviews", mesh.GetProperty("destination_service_name").GetString());
        Assert.False(mesh.TryGetProperty("destination_service_namespace", out _)); // short name, and no caller namespace to resolve it in
    }
}
