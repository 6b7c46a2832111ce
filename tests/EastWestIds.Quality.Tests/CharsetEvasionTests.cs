using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Quality;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks placed in a JSON or form body, sent again with the same text in UTF-16, UTF-32 and
/// EBCDIC, each the way a server behind accepts it: unmarked UTF-16 and UTF-32 (Jackson and Python's <c>json</c>
/// detect them), UTF-16 with a byte order mark, UTF-16 declared by <c>charset</c> (Spring, ASP.NET Core) and
/// <c>charset=ibm037</c> (the known WAF bypass). Every rule that fires on the UTF-8 request must fire on each of
/// these: an encoding the server reads must not hide the payload from the rules.
/// </summary>
public sealed class CharsetEvasionTests
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
