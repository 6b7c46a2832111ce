using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Quality;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks sent again in encodings a server behind undoes by itself, which must not hide the
/// payload from the rules: the body in UTF-16, UTF-32 or EBCDIC, a multipart part in base64 or quoted-printable, a
/// JSON document under another Content-Type.
/// </summary>
public sealed class BodyEncodingEvasionTests
{
    private static readonly Encoding Ebcdic = CodePagesEncodingProvider.Instance.GetEncoding(37, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    private static readonly (string Name, Encoding Encoding, bool Mark, string? Charset)[] Variants =
    [
        ("utf-16le", new UnicodeEncoding(bigEndian: false, byteOrderMark: false), false, null),
        ("utf-16be+bom", new UnicodeEncoding(bigEndian: true, byteOrderMark: true), true, null),
        ("utf-32le", new UTF32Encoding(bigEndian: false, byteOrderMark: false), false, null),
        ("charset=utf-16", new UnicodeEncoding(bigEndian: true, byteOrderMark: false), false, "utf-16"),
        ("charset=ibm037", Ebcdic, false, "ibm037"),
    ];

    /// <summary>
    /// The attacks of the JSON and form bodies, sent with the same text unmarked in UTF-16 and UTF-32 (Jackson and
    /// Python's <c>json</c> detect them), in UTF-16 with a byte order mark, declared <c>charset=utf-16</c> (Spring,
    /// ASP.NET Core) and <c>charset=ibm037</c> (the known WAF bypass): every rule that fires on the UTF-8 request fires.
    /// </summary>
    [Fact]
    public void BodyPayloads_InUtf16Utf32AndEbcdic_RaiseEveryRuleTheUtf8RequestRaises()
    {
        List<string> lines = GeneratedCorpus.Lines("bench/quality/payloads/make-payload-corpus.py");
        var originals = new List<string>();
        var variants = new List<string>();
        foreach (string line in lines)
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            if (record["placement"]!.GetValue<string>() is not ("json" or "form"))
            {
                continue;
            }

            originals.Add(line);
            string body = record["body"]!.GetValue<string>();
            foreach ((string name, Encoding encoding, bool mark, string? charset) in Variants)
            {
                if (Encode(encoding, mark, body) is { } bytes)
                {
                    variants.Add(Variant(record, name, bytes, charset));
                }
            }
        }

        Dictionary<string, List<int>> before = Scan(originals);
        Dictionary<string, List<int>> after = Scan(variants);
        int detected = before.Count(v => v.Value.Count > 0);
        Assert.True(detected > 3000, $"only {detected} body attacks detected in UTF-8: the corpus is not what this test expects");

        var lost = new List<string>();
        foreach ((string id, List<int> sids) in after)
        {
            string original = id[..id.IndexOf('@', StringComparison.Ordinal)];
            List<int> missing = [.. before[original].Except(sids)];
            if (missing.Count > 0)
            {
                lost.Add($"{id}: {string.Join(", ", missing)} not raised");
            }
        }

        Assert.True(variants.Count > 4 * originals.Count, $"{variants.Count} variants of {originals.Count} requests");
        Assert.True(lost.Count == 0, $"{lost.Count} of {variants.Count} re-encoded requests lost rules:\n" + string.Join("\n", lost.Take(20)));
    }

    /// <summary>
    /// Every attack as a multipart field, as sent, in <c>base64</c> and in <c>quoted-printable</c> (Go's
    /// <c>mime/multipart</c> and python-multipart undo them): each argument rule that fires on the plain part fires on
    /// the encoded ones (rules on the whole body read the multipart text, which the encoding changes).
    /// </summary>
    [Fact]
    public void MultipartFields_InBase64AndQuotedPrintable_RaiseEveryArgumentRuleThePlainFieldRaises()
    {
        HashSet<int> argumentRules = ArgumentRules();
        var requests = new List<string>();
        foreach (string line in GeneratedCorpus.Lines("bench/quality/payloads/make-payload-corpus.py"))
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            byte[] payload = Encoding.UTF8.GetBytes(record["payload"]!.GetValue<string>());
            requests.Add(Multipart(record, "plain", null, payload));
            requests.Add(Multipart(record, "base64", "base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(payload, Base64FormattingOptions.InsertLineBreaks))));
            requests.Add(Multipart(record, "quoted-printable", "quoted-printable", QuotedPrintable(payload)));
        }

        Dictionary<string, List<int>> sids = Scan(requests);
        var lost = new List<string>();
        int detected = 0;
        foreach ((string id, List<int> plain) in sids.Where(v => v.Key.EndsWith("@plain", StringComparison.Ordinal)))
        {
            string payload = id[..^"@plain".Length];
            List<int> expected = [.. plain.Where(argumentRules.Contains)];
            detected += expected.Count > 0 ? 1 : 0;
            foreach (string variant in new[] { "base64", "quoted-printable" })
            {
                List<int> missing = [.. expected.Except(sids[$"{payload}@{variant}"])];
                if (missing.Count > 0)
                {
                    lost.Add($"{payload}@{variant}: {string.Join(", ", missing)} not raised");
                }
            }
        }

        Assert.True(detected > 4000, $"only {detected} attacks raised an argument rule as a plain multipart field");
        Assert.True(lost.Count == 0, $"{lost.Count} encoded fields lost argument rules:\n" + string.Join("\n", lost.Take(20)));
    }

    /// <summary>
    /// The attacks of the JSON bodies under a Content-Type that is not JSON (Go's <c>encoding/json</c> decodes a body
    /// whatever it declares): each argument rule that fires on the <c>application/json</c> request fires.
    /// </summary>
    [Fact]
    public void JsonBodies_UnderAnotherContentType_RaiseEveryArgumentRuleTheJsonRequestRaises()
    {
        HashSet<int> argumentRules = ArgumentRules();
        var requests = new List<string>();
        foreach (string line in GeneratedCorpus.Lines("bench/quality/payloads/make-payload-corpus.py"))
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            if (record["placement"]!.GetValue<string>() != "json")
            {
                continue;
            }

            foreach (string contentType in ContentTypes)
            {
                var copy = (JsonObject)record.DeepClone();
                copy["id"] = $"{record["id"]!.GetValue<string>()}@{contentType}";
                foreach (JsonNode? header in copy["headers"]!.AsArray())
                {
                    if (header![0]!.GetValue<string>().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        header[1] = contentType;
                    }
                }

                requests.Add(copy.ToJsonString());
            }
        }

        Dictionary<string, List<int>> sids = Scan(requests);
        var lost = new List<string>();
        int detected = 0;
        foreach ((string id, List<int> json) in sids.Where(v => v.Key.EndsWith("@application/json", StringComparison.Ordinal)))
        {
            string payload = id[..id.IndexOf('@', StringComparison.Ordinal)];
            List<int> expected = [.. json.Where(argumentRules.Contains)];
            detected += expected.Count > 0 ? 1 : 0;
            foreach (string contentType in ContentTypes.Skip(1))
            {
                List<int> missing = [.. expected.Except(sids[$"{payload}@{contentType}"])];
                if (missing.Count > 0)
                {
                    lost.Add($"{payload}@{contentType}: {string.Join(", ", missing)} not raised");
                }
            }
        }

        Assert.True(detected > 1500, $"only {detected} JSON attacks raised an argument rule");
        Assert.True(lost.Count == 0, $"{lost.Count} requests lost argument rules:\n" + string.Join("\n", lost.Take(20)));
    }

    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded"];

    /// <summary>The sids of the rules that read argument values only.</summary>
    private static HashSet<int> ArgumentRules() => [.. ShippedRules.Set.Signatures
        .Where(s => s.Programs.All(p => p.Slot.Buffer == EastWestIds.Signatures.Keywords.InspectionBuffer.HttpArg))
        .Select(s => s.Sid)];

    /// <summary>A POST of one multipart field <c>q</c> holding <paramref name="content"/> in <paramref name="transfer"/>.</summary>
    private static string Multipart(JsonObject record, string name, string? transfer, byte[] content)
    {
        const string Boundary = "ewids-3f9a1c";
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"q\"\r\n"
                + (transfer is null ? "" : $"Content-Transfer-Encoding: {transfer}\r\n") + "\r\n"),
            .. content,
            .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
        ];
        var request = new JsonObject
        {
            ["id"] = $"{record["id"]!.GetValue<string>()}@{name}",
            ["method"] = "POST",
            ["uri"] = "/api/v1/upload",
            ["http_version"] = "HTTP/1.1",
            ["headers"] = new JsonArray(
                new JsonArray("Host", "files.shop.svc.cluster.local"),
                new JsonArray("Content-Type", $"multipart/form-data; boundary={Boundary}"),
                new JsonArray("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ["body"] = Convert.ToBase64String(body),
            ["body_base64"] = true,
        };
        return request.ToJsonString();
    }

    /// <summary>Quoted-printable as a mail client writes it: all but letters, digits and spaces escaped, soft breaks every 72 bytes.</summary>
    private static byte[] QuotedPrintable(byte[] content)
    {
        var text = new StringBuilder();
        int column = 0;
        foreach (byte b in content)
        {
            string piece = char.IsAsciiLetterOrDigit((char)b) || b == (byte)' ' ? ((char)b).ToString() : $"={b:X2}";
            if (column + piece.Length > 72)
            {
                text.Append("=\r\n");
                column = 0;
            }

            text.Append(piece);
            column += piece.Length;
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[]? Encode(Encoding encoding, bool mark, string body)
    {
        try
        {
            byte[] text = encoding.GetBytes(body);
            return mark ? [.. encoding.GetPreamble(), .. text] : text;
        }
        catch (EncoderFallbackException)
        {
            return null; // a payload with a char EBCDIC cannot write
        }
    }

    /// <summary>The record with <paramref name="body"/> as its body (base64), its Content-Length and, when given, a charset.</summary>
    private static string Variant(JsonObject record, string name, byte[] body, string? charset)
    {
        var copy = (JsonObject)record.DeepClone();
        copy["id"] = $"{record["id"]!.GetValue<string>()}@{name}";
        copy["body"] = Convert.ToBase64String(body);
        copy["body_base64"] = true;
        foreach (JsonNode? header in copy["headers"]!.AsArray())
        {
            JsonArray pair = header!.AsArray();
            string headerName = pair[0]!.GetValue<string>();
            if (headerName.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                pair[1] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (charset is not null && headerName.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                pair[1] = $"{pair[1]!.GetValue<string>()}; charset={charset}";
            }
        }

        return copy.ToJsonString();
    }

    private static Dictionary<string, List<int>> Scan(List<string> records)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ewids-charset-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, records);
        try
        {
            return InProcessScan.Scan(ShippedRules.Set, path).ToDictionary(v => v.Id, v => v.Sids, StringComparer.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
