using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Tests.Objects;

public sealed class KubeYamlTests
{
    [Fact]
    public void Read_ListAndDocuments_TypesScalarsLikeTheApiServer()
    {
        var objects = KubeYamlReader.Read("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: a, namespace: n}
              spec:
                ports: [{port: 8080, name: "8080", appProtocol: 'true'}]
                x: {f: 1.50, t: true, z: null, e: ~, s: yes}
            ---
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b}
            """, "t.yaml");

        Assert.Equal(["a", "b"], objects.Select(KubeJson.Name));
        var port = objects[0]["spec"]!["ports"]![0]!;
        Assert.Equal("""{"port":8080,"name":"8080","appProtocol":"true"}""", port.ToJsonString());
        Assert.Equal("""{"f":1.50,"t":true,"z":null,"e":null,"s":"yes"}""", objects[0]["spec"]!["x"]!.ToJsonString());
    }

    [Fact]
    public void WriteThenRead_GivesTheSameObject_AndQuotesWhatWouldChangeType()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"j":"[{\"a\":1}]"}},
             "data":{"a":"true","b":"8080","c":"","d":"null","e":"yes","f":"multi\nline","g":"1.5","h":"plain text"},
             "n":[1,2.50,-3],"empty":{},"none":[]}
            """)!.AsObject();

        var yaml = KubeYamlWriter.ToYaml(obj);

        Assert.Contains("a: \"true\"", yaml);
        Assert.Contains("b: \"8080\"", yaml);
        Assert.Contains("e: \"yes\"", yaml);
        Assert.Contains("h: plain text", yaml);
        Assert.Contains("- 2.50", yaml);
        var back = Assert.Single(KubeYamlReader.Read(yaml, "out"));
        Assert.True(JsonNode.DeepEquals(obj, back), yaml);
    }

    [Fact]
    public void Write_DropsServerFields_KeepsEverythingElse()
    {
        var obj = JsonNode.Parse("""{"kind":"X","metadata":{"name":"x","resourceVersion":"5","uid":"u","managedFields":[],"labels":{"a":"b"}},"status":{"s":1}}""")!.AsObject();

        var clean = KubeYamlWriter.WithoutServerFields(obj);

        Assert.Equal("""{"kind":"X","metadata":{"name":"x","labels":{"a":"b"}}}""", clean.ToJsonString());
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Service\nmetadata: {name: x\n", "t.yaml:", "not valid YAML")]
    [InlineData("- a\n- b\n", "t.yaml:1", "not a Kubernetes object")]
    [InlineData("apiVersion: v1\nmetadata: {name: x}\n", "t.yaml:1", "without kind")]
    [InlineData(": [\no", "t.yaml", "not valid YAML")] // YamlDotNet's scanner throws InvalidOperationException here (issue 541)
    [InlineData(" : a", "t.yaml", "not valid YAML")] // and its document loader ArgumentException here (issue 1004)
    public void Read_Invalid_NamesFileAndLine(string yaml, string where, string what)
    {
        var ex = Assert.Throws<KubeObjectFileException>(() => KubeYamlReader.Read(yaml, "t.yaml"));
        Assert.Contains(where, ex.Message);
        Assert.Contains(what, ex.Message);
    }

    [Fact]
    public void Read_AliasBomb_IsRefusedNotExpanded()
    {
        var lines = new List<string> { "apiVersion: v1", "kind: ConfigMap", "metadata: {name: x}", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 9; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var ex = Assert.Throws<KubeObjectFileException>(() => KubeYamlReader.Read(string.Join("\n", lines), "bomb.yaml"));
        Assert.Contains("aliases", ex.Message);
    }
}
