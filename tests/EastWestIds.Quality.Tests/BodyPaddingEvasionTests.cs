using System.Text;
using System.Text.Json.Nodes;
using static EastWestIds.Quality.Tests.EvasionVariants;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks of form and JSON bodies and as a multipart field, sent again after 100 KiB of junk:
/// padding a body past an inspector's body limit is the best-known WAF bypass (Assetnote's nowafpls), and a server
/// behind reads the whole body. The sink keeps a body's head and its tail, so the payload after the junk is still read.
/// </summary>
public sealed class BodyPaddingEvasionTests
{
    private static readonly string Junk = new('a', 100 * 1024);

    /// <summary>Every argument rule that fires on the request as sent fires on the padded one.</summary>
    [Fact]
    public void FormAndJsonBodies_PaddedPastTheBodyLimit_RaiseEveryArgumentRuleTheRequestRaises() =>
        AssertPaddedFormAndJsonRaise(jsonPadding: $"\"comment\":\"{Junk}\"", formPadding: $"comment={Junk}");

    /// <summary>
    /// Every argument rule that fires on the request as sent fires after 1,100 junk arguments: padding by count rather
    /// than size (within the body limit) pushed the payload past an argument budget that kept only the first ones.
    /// </summary>
    [Fact]
    public void FormAndJsonBodies_PaddedWithJunkArguments_RaiseEveryArgumentRuleTheRequestRaises() =>
        AssertPaddedFormAndJsonRaise(
            jsonPadding: $"\"pad\":[{string.Join(',', Enumerable.Repeat('1', 1100))}]",
            formPadding: string.Join('&', Enumerable.Range(0, 1100).Select(i => $"p{i}=1")));

    /// <summary>
    /// The form and JSON attacks as sent and with <paramref name="formPadding"/> (pairs) or <paramref name="jsonPadding"/>
    /// (members) before their own arguments: every argument rule of the one fires on the other.
    /// </summary>
    private static void AssertPaddedFormAndJsonRaise(string jsonPadding, string formPadding)
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: ["json", "form"]))
        {
            string body = record["body"]!.GetValue<string>();
            bool json = record["placement"]!.GetValue<string>() == "json";
            string contentType = json ? "application/json" : "application/x-www-form-urlencoded";
            string? padded = json
                ? body.StartsWith('{') ? $"{{{jsonPadding}," + body[1..] : null
                : $"{formPadding}&{body}";
            requests.Add(Post(record, "as-sent", contentType, Encoding.UTF8.GetBytes(body)));
            if (padded is not null)
            {
                requests.Add(Post(record, "padded", contentType, Encoding.UTF8.GetBytes(padded)));
            }
        }

        AssertVariantsRaise(Scan(requests), "as-sent", ["padded"], ArgumentRules().Contains, atLeastDetected: 2500);
    }

    /// <summary>Every argument rule that fires on a multipart field fires when a 100 KiB file part comes before it.</summary>
    [Fact]
    public void MultipartField_AfterAPaddingFilePart_RaisesEveryArgumentRuleTheFieldRaises()
    {
        const string Boundary = "ewids-7d2e0b";
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string field = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n{record["payload"]!.GetValue<string>()}\r\n--{Boundary}--\r\n";
            string file = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n{Junk}\r\n";
            string contentType = $"multipart/form-data; boundary={Boundary}";
            requests.Add(Post(record, "as-sent", contentType, Encoding.UTF8.GetBytes(field)));
            requests.Add(Post(record, "padded", contentType, Encoding.UTF8.GetBytes(file + field)));
        }

        AssertVariantsRaise(Scan(requests), "as-sent", ["padded"], ArgumentRules().Contains, atLeastDetected: 4000);
    }
}
