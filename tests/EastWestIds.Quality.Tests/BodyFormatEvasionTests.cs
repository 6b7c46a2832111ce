using System.Buffers;
using System.Formats.Cbor;
using System.Text;
using System.Text.Json.Nodes;
using MessagePack;
using static EastWestIds.Quality.Tests.EvasionVariants;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks sent in the body formats services use instead of JSON: MessagePack and CBOR (binary,
/// so the body rules see only long runs of text), a <c>text/plain</c> body a handler takes as one string, and a GraphQL
/// document sent as <c>application/graphql</c> rather than as the <c>query</c> of a JSON body. None may hide a payload
/// from an argument rule that the JSON request raises.
/// </summary>
public sealed class BodyFormatEvasionTests
{
    [Fact]
    public void MessagePackCborAndPlainText_RaiseEveryArgumentRuleTheJsonValueRaises()
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
        }

        AssertVariantsRaise(Scan(requests), "json", ["msgpack", "cbor", "cbor-chunked", "text"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

    [Fact]
    public void GraphQlDocuments_RaiseEveryArgumentRuleTheJsonQueryRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string payload = record["payload"]!.GetValue<string>();
            string literal = "\"" + payload.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
            string document = $"query Search {{ search(term: {literal}, first: 20) {{ id name }} }}";
            requests.Add(Post(record, "json", "application/json", Encoding.UTF8.GetBytes(new JsonObject { ["query"] = document }.ToJsonString())));
            requests.Add(Post(record, "graphql", "application/graphql", Encoding.UTF8.GetBytes(document)));
        }

        AssertVariantsRaise(Scan(requests), "json", ["graphql"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

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
