using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>One CRS regression request, reduced to the decoded values a detector keyword would be run on.</summary>
internal sealed record CrsRequest(string Id, string Category, bool ExpectDetect, IReadOnlyList<string> Values);

/// <summary>
/// Test-side stand-in for the request decoding (built elsewhere): turns a line of <c>crs-requests.jsonl</c> into the
/// values the rules would run <c>detect_sqli</c>/<c>detect_xss</c> on — query and form arguments (names and values,
/// percent-decoded, <c>+</c> as space), JSON string values and keys, XML text and attribute values, multipart part
/// bodies, cookies, path segments and the header values CRS inspects — each also in the forms the decoder
/// produces for evasions (a second percent-decoding, HTML entities decoded).
/// </summary>
internal static class CrsRequestValues
{
    private static readonly HashSet<string> s_structuralHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Content-Type", "Accept", "Accept-Encoding", "Accept-Language", "Cookie",
        "Keep-Alive", "Proxy-Connection", "Cache-Control", "Transfer-Encoding", "Pragma", "Accept-Charset",
    };

    public static IEnumerable<CrsRequest> Load(string path, params string[] categories)
    {
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var category = root.GetProperty("category").GetString()!;
            if (categories.Length > 0 && Array.IndexOf(categories, category) < 0)
            {
                continue;
            }

            yield return new CrsRequest(
                root.GetProperty("id").GetString()!,
                category,
                root.GetProperty("expect_detect").GetBoolean(),
                Extract(root));
        }
    }

    private static List<string> Extract(JsonElement root)
    {
        var raw = new List<string>();
        var uri = root.GetProperty("uri").GetString() ?? "";
        int question = uri.IndexOf('?');
        var path = question < 0 ? uri : uri[..question];
        var decodedPath = PercentDecode(path, plusIsSpace: false);
        raw.Add(decodedPath);
        foreach (var segment in decodedPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            raw.Add(segment);
        }

        if (question >= 0)
        {
            AddForm(raw, uri[(question + 1)..]);
        }

        string? contentType = null;
        foreach (var header in root.GetProperty("headers").EnumerateArray())
        {
            var name = header[0].GetString() ?? "";
            var value = header[1].GetString() ?? "";
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }

            if (name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var pair in value.Split(';'))
                {
                    AddPair(raw, pair.Trim(), plusIsSpace: false);
                }
            }
            else if (!s_structuralHeaders.Contains(name))
            {
                raw.Add(value);
            }
        }

        var body = root.GetProperty("body").GetString() ?? "";
        if (root.TryGetProperty("body_base64", out var b64) && b64.ValueKind == JsonValueKind.True)
        {
            body = Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }

        if (body.Length > 0)
        {
            AddBody(raw, body, contentType ?? "application/x-www-form-urlencoded");
        }

        var values = new List<string>();
        foreach (var value in raw)
        {
            AddWithVariants(values, value);
        }

        return values;
    }

    private static void AddBody(List<string> raw, string body, string contentType)
    {
        var type = contentType.ToLowerInvariant();
        if (type.Contains("json"))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                AddJson(raw, json.RootElement);
                return;
            }
            catch (JsonException)
            {
            }
        }
        else if (type.Contains("xml"))
        {
            try
            {
                AddXml(raw, body);
                return;
            }
            catch (XmlException)
            {
            }
        }
        else if (type.Contains("multipart"))
        {
            foreach (var part in body.Split("\r\n\r\n"))
            {
                int end = part.IndexOf("\r\n--", StringComparison.Ordinal);
                raw.Add(end < 0 ? part : part[..end]);
            }

            return;
        }
        else if (type.Contains("x-www-form-urlencoded"))
        {
            AddForm(raw, body);
            return;
        }

        raw.Add(body);
    }

    private static void AddForm(List<string> raw, string form)
    {
        foreach (var pair in form.Split('&'))
        {
            AddPair(raw, pair, plusIsSpace: true);
        }
    }

    private static void AddPair(List<string> raw, string pair, bool plusIsSpace)
    {
        int equals = pair.IndexOf('=');
        if (equals < 0)
        {
            raw.Add(PercentDecode(pair, plusIsSpace));
            return;
        }

        raw.Add(PercentDecode(pair[..equals], plusIsSpace));
        raw.Add(PercentDecode(pair[(equals + 1)..], plusIsSpace));
    }

    private static void AddJson(List<string> raw, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    raw.Add(property.Name);
                    AddJson(raw, property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    AddJson(raw, item);
                }

                break;
            case JsonValueKind.String:
                raw.Add(element.GetString()!);
                break;
            default:
                raw.Add(element.GetRawText());
                break;
        }
    }

    private static void AddXml(List<string> raw, string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                raw.Add(reader.Value);
            }

            if (reader.HasAttributes)
            {
                while (reader.MoveToNextAttribute())
                {
                    raw.Add(reader.Value);
                }

                reader.MoveToElement();
            }
        }
    }

    private static void AddWithVariants(List<string> values, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        values.Add(value);
        if (value.Contains('%'))
        {
            var twice = PercentDecode(value, plusIsSpace: false);
            if (twice != value)
            {
                values.Add(twice);
            }
        }

        if (value.Contains('&') && value.Contains(';'))
        {
            var entities = WebUtility.HtmlDecode(value);
            if (entities != value)
            {
                values.Add(entities);
            }
        }
    }

    /// <summary>Percent-decodes to UTF-8 bytes and back to text; bad escapes stay as they are.</summary>
    public static string PercentDecode(string text, bool plusIsSpace)
    {
        var bytes = new List<byte>(text.Length);
        var utf8 = Encoding.UTF8.GetBytes(text);
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b == (byte)'%' && i + 2 < utf8.Length && IsHex(utf8[i + 1]) && IsHex(utf8[i + 2]))
            {
                bytes.Add((byte)((Hex(utf8[i + 1]) << 4) | Hex(utf8[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add(plusIsSpace && b == (byte)'+' ? (byte)' ' : b);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
