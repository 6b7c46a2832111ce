using System.Buffers;
using System.Formats.Cbor;
using System.Text;
using System.Text.Json.Nodes;
using MessagePack;
using static EastWestIds.Quality.Tests.EvasionVariants;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks sent in the body formats services use instead of JSON: MessagePack and CBOR (binary,
/// so the body rules see only long runs of text), YAML (double-quoted with escapes, or a block scalar), a
/// <c>text/plain</c> body a handler takes as one string, and a GraphQL document with the payload inline. None may hide a payload
/// from an argument rule that the JSON request raises.
/// </summary>
public sealed class BodyFormatEvasionTests
{
    [Fact]
    public void MessagePackCborYamlAndPlainText_RaiseEveryArgumentRuleTheJsonValueRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string payload = record["payload"]!.GetValue<string>();
            requests.Add(Post(record, "json", "application/json", Encoding.UTF8.GetBytes(new JsonObject { ["q"] = payload }.ToJsonString())));
            requests.Add(Post(record, "msgpack", "application/msgpack", MessagePackMap("q", payload)));
            requests.Add(Post(record, "cbor", "application/cbor", CborMap("q", payload, chunked: false)));
            requests.Add(Post(record, "cbor-chunked", "application/cbor", CborMap("q", payload, chunked: true)));
            requests.Add(Post(record, "text", "text/plain", Encoding.UTF8.GetBytes(payload)));
            requests.Add(Post(record, "yaml", "application/yaml", Encoding.UTF8.GetBytes("kind: Search\nq: " + YamlDoubleQuoted(payload) + "\n")));
            requests.Add(Post(record, "yaml-block", "application/yaml", Encoding.UTF8.GetBytes("kind: Search\nq: |\n" + string.Concat(payload.Split('\n').Select(l => "  " + l + "\n")))));
        }

        AssertVariantsRaise(Scan(requests), "json", ["msgpack", "cbor", "cbor-chunked", "text", "yaml", "yaml-block"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

    /// <summary>
    /// Every attack as a string argument written inline in a GraphQL document: as the <c>query</c> of a JSON body, as an
    /// <c>application/graphql</c> body and as the <c>query</c> parameter of a GET, against the same payload passed as a
    /// variable (a JSON value; a plain query parameter for the GET): each argument rule the reference raises fires. The document's strings are
    /// the arguments, decoded from GraphQL's escapes.
    /// </summary>
    [Fact]
    public void GraphQlDocuments_RaiseEveryArgumentRuleTheVariableRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string payload = record["payload"]!.GetValue<string>();
            string literal = "\"" + payload.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
            string document = $"query Search {{ search(term: {literal}, first: 20) {{ id name }} }}";
            var variables = new JsonObject
            {
                ["query"] = "query Search($term: String!) { search(term: $term, first: 20) { id name } }",
                ["variables"] = new JsonObject { ["term"] = payload },
            };
            requests.Add(Post(record, "variable", "application/json", Encoding.UTF8.GetBytes(variables.ToJsonString())));
            requests.Add(Get(record, "parameter", "/graphql?term=" + Uri.EscapeDataString(payload)));
            requests.Add(Post(record, "json", "application/json", Encoding.UTF8.GetBytes(new JsonObject { ["query"] = document }.ToJsonString())));
            requests.Add(Post(record, "graphql", "application/graphql", Encoding.UTF8.GetBytes(document)));
            requests.Add(Get(record, "get", "/graphql?query=" + Uri.EscapeDataString(document)));
        }

        // A query string is percent-decoded until stable, a JSON value not: the GET is held to the plain parameter.
        Dictionary<string, List<int>> sids = Scan(requests);
        AssertVariantsRaise(sids, "variable", ["json", "graphql"], ArgumentRules().Contains, atLeastDetected: 4000);
        AssertVariantsRaise(sids, "parameter", ["get"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

    private static string Get(JsonObject record, string name, string uri)
    {
        var get = JsonNode.Parse(Post(record, name, "application/json", []))!.AsObject();
        get["method"] = "GET";
        get["uri"] = uri;
        get["headers"]!.AsArray().RemoveAt(1); // no Content-Type
        return get.ToJsonString();
    }

    /// <summary>A YAML double-quoted scalar as PyYAML writes one: JSON's escapes are YAML's, and every other char as is.</summary>
    private static string YamlDoubleQuoted(string value) =>
        System.Text.Json.JsonSerializer.Serialize(value, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static byte[] MessagePackMap(string key, string value)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        writer.WriteMapHeader(1);
        writer.Write(key);
        writer.Write(value);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    /// <summary>A one-entry map; <paramref name="chunked"/> sends the value as an indefinite-length string of 3-byte chunks.</summary>
    private static byte[] CborMap(string key, string value, bool chunked)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(1);
        writer.WriteTextString(key);
        if (chunked)
        {
            writer.WriteStartIndefiniteLengthTextString();
            var runes = value.EnumerateRunes().ToArray();
            for (int i = 0; i < runes.Length; i += 3)
            {
                writer.WriteTextString(string.Concat(runes.Skip(i).Take(3)));
            }

            writer.WriteEndIndefiniteLengthTextString();
        }
        else
        {
            writer.WriteTextString(value);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }
}
