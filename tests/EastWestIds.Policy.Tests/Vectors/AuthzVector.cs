using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Model.Istio;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Mesh;
using EastWestIds.Policy.Requests;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.Vectors;

/// <summary>
/// Turns one decision vector of authz.json into the evaluator's inputs. Policies go through the YAML reader (JSON is
/// YAML) as Kubernetes objects, so the vectors also exercise how AuthorizationPolicies are read.
/// </summary>
internal sealed class AuthzVector
{
    public const string File = "authz.json";

    private AuthzVector(JsonElement vector)
    {
        Vector = vector;
        var root = VectorFiles.Root(File);
        var mesh = vector.GetProperty("mesh");
        Mesh = new MeshAuthzSettings(
            mesh.GetProperty("rootNamespace").GetString()!,
            mesh.GetProperty("trustDomain").GetString()!,
            [.. mesh.GetProperty("trustDomainAliases").EnumerateArray().Select(e => e.GetString()!)]);
        Policies = ReadPolicies(root.GetProperty("policySets").GetProperty(vector.GetProperty("policySet").GetString()!));
        var workload = vector.GetProperty("workload");
        WorkloadNamespace = workload.GetProperty("namespace").GetString()!;
        WorkloadLabels = LabelSet.From(workload.GetProperty("labels").EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)));
        Expected = vector.GetProperty("expected");
    }

    public JsonElement Vector { get; }

    public MeshAuthzSettings Mesh { get; }

    public ImmutableArray<AuthorizationPolicyConfig> Policies { get; }

    public string WorkloadNamespace { get; }

    public LabelSet WorkloadLabels { get; }

    public JsonElement Expected { get; }

    public static AuthzVector Load(string id) => new(VectorFiles.Get(File, id));

    /// <summary>The request parts that <see cref="AuthzRequest"/> holds as spans, kept alive as arrays.</summary>
    public RequestParts Request() => new(Vector.GetProperty("request"));

    private static ImmutableArray<AuthorizationPolicyConfig> ReadPolicies(JsonElement set)
    {
        var yaml = new StringBuilder();
        foreach (var policy in set.EnumerateArray())
        {
            var obj = new Dictionary<string, object?>
            {
                ["apiVersion"] = "security.istio.io/v1",
                ["kind"] = "AuthorizationPolicy",
                ["metadata"] = new Dictionary<string, object?>
                {
                    ["name"] = policy.GetProperty("name").GetString(),
                    ["namespace"] = policy.GetProperty("namespace").GetString(),
                    ["annotations"] = policy.TryGetProperty("annotations", out var a) ? a : null,
                },
                ["spec"] = policy.GetProperty("spec"),
            };
            yaml.Append("---\n").Append(JsonSerializer.Serialize(obj)).Append('\n');
        }

        var builder = new InventoryBuilder();
        var result = new KubernetesYamlReader().ReadText(yaml.ToString(), "vector", builder);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return builder.Build().AuthorizationPolicies;
    }

    /// <summary>Owns the bytes an <see cref="AuthzRequest"/> points at.</summary>
    internal sealed class RequestParts
    {
        public RequestParts(JsonElement request)
        {
            var source = request.GetProperty("source");
            Principal = source.TryGetProperty("principal", out var p) && p.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(p.GetString()!) : [];
            SourceIp = Ip(source, "ip");
            RemoteIp = Ip(source, "remoteIp");
            var destination = request.GetProperty("destination");
            DestinationIp = Ip(destination, "ip");
            DestinationPort = destination.GetProperty("port").GetInt32();
            Sni = request.TryGetProperty("sni", out var sni) && sni.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(sni.GetString()!) : [];
            IsTcp = request.GetProperty("protocol").GetString() == "tcp";
            if (request.TryGetProperty("http", out var http) && http.ValueKind == JsonValueKind.Object)
            {
                Method = Encoding.UTF8.GetBytes(http.GetProperty("method").GetString()!);
                Host = Encoding.UTF8.GetBytes(http.GetProperty("host").GetString()!);
                Path = Encoding.UTF8.GetBytes(http.GetProperty("path").GetString()!);
                var headers = new List<KeyValuePair<string, string>>();
                foreach (var header in http.GetProperty("headers").EnumerateObject())
                {
                    if (header.Value.ValueKind == JsonValueKind.Array)
                    {
                        headers.AddRange(header.Value.EnumerateArray().Select(v => new KeyValuePair<string, string>(header.Name, v.GetString()!)));
                    }
                    else
                    {
                        headers.Add(new(header.Name, header.Value.GetString()!));
                    }
                }

                Headers = new HeaderMap(headers);
            }

            if (request.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object)
            {
                var spaceDelimited = request.TryGetProperty("spaceDelimitedClaims", out var s) ? s.EnumerateArray().Select(e => e.GetString()!) : [];
                var payload = (Dictionary<string, object?>)ToObject(auth.GetProperty("claims"))!;
                Claims = new RequestClaims(auth.GetProperty("iss").GetString()!, auth.GetProperty("sub").GetString()!, payload, spaceDelimited);
            }
        }

        public byte[] Principal { get; }

        public IpKey SourceIp { get; }

        public IpKey RemoteIp { get; }

        public IpKey DestinationIp { get; }

        public int DestinationPort { get; }

        public byte[] Sni { get; }

        public bool IsTcp { get; }

        public byte[] Method { get; } = [];

        public byte[] Host { get; } = [];

        public byte[] Path { get; } = [];

        public HeaderMap? Headers { get; }

        public RequestClaims? Claims { get; }

        public AuthzRequest ToRequest() => new()
        {
            SourcePrincipal = Principal,
            SourceIp = SourceIp,
            RemoteIp = RemoteIp,
            DestinationIp = DestinationIp,
            DestinationPort = DestinationPort,
            Sni = Sni,
            IsTcp = IsTcp,
            Method = Method,
            Host = Host,
            Path = Path,
            Headers = Headers,
            Claims = Claims,
        };

        private static IpKey Ip(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? IpKey.From(IPAddress.Parse(value.GetString()!)) : IpKey.None;

        private static object? ToObject(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToObject(p.Value), StringComparer.Ordinal),
            JsonValueKind.Array => element.EnumerateArray().Select(ToObject).ToList(),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }
}
