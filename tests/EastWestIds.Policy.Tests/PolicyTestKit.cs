using System.Text;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Tests;

/// <summary>Policies written as YAML, requests described by a record: what each semantic test needs.</summary>
internal static class PolicyTestKit
{
    public static CompiledPolicySet Compile(string yaml, MeshAuthzSettings? mesh = null, bool fileOnly = false)
    {
        var builder = new InventoryBuilder();
        var read = new KubernetesYamlReader { PoliciesAreFileOnly = fileOnly }.ReadText(yaml, "test.yaml", builder);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        return new PolicyCompiler(mesh ?? MeshAuthzSettings.Default).Compile(builder.Build().AuthorizationPolicies);
    }

    public static AuthzVerdict Evaluate(CompiledPolicySet set, Req request, string ns = "echo1", string labels = "app=b") =>
        set.ForWorkload(ns, Labels(labels)).Evaluate(request.Build());

    public static LabelSet Labels(string text) => LabelSet.From(
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string>(p[0], p[1])));

    /// <summary>
    /// One request for a policy test; defaults to an mTLS GET from echo1/a to b:80 on target port 8080.
    /// </summary>
    public sealed record Req(
        string? Principal = "spiffe://cluster.local/ns/echo1/sa/a",
        string Method = "GET",
        string Host = "b:80",
        string Path = "/",
        int Port = 8080,
        string? SourceIp = "10.1.0.10",
        string? RemoteIp = null,
        string? DestinationIp = null,
        string? Sni = null,
        bool Tcp = false,
        RequestClaims? Claims = null,
        bool UnvalidatedToken = false,
        params (string Name, string Value)[] Headers)
    {
        public AuthzRequest Build() => new()
        {
            SourcePrincipal = Principal is null ? [] : Encoding.ASCII.GetBytes(Principal),
            SourceIp = Ip(SourceIp),
            RemoteIp = Ip(RemoteIp),
            DestinationIp = Ip(DestinationIp),
            DestinationPort = Port,
            Sni = Sni is null ? [] : Encoding.ASCII.GetBytes(Sni),
            IsTcp = Tcp,
            Method = Encoding.ASCII.GetBytes(Method),
            Host = Encoding.ASCII.GetBytes(Host),
            Path = Encoding.ASCII.GetBytes(Path),
            Headers = new HeaderMap(Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))),
            Claims = Claims,
            HasUnvalidatedToken = UnvalidatedToken,
        };

        private static IpKey Ip(string? text) => text is null ? IpKey.None : IpKey.TryParse(text, out var ip) ? ip : throw new FormatException(text);
    }

    /// <summary>An AuthorizationPolicy document.</summary>
    public static string Doc(string name, string spec, string ns = "echo1", string? annotations = null) => $"""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: {name}
          namespace: {ns}
        {(annotations is null ? "" : "  annotations: " + annotations)}
        spec:
        {Indent(spec)}
        ---

        """;

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));
}
