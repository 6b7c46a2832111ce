using System.Text;
using System.Text.Json;
using EastWestIds.Identity.Xfcc;
using EastWestIds.TestCommon;

namespace EastWestIds.Identity.Tests.Xfcc;

/// <summary>Runs vectors/xfcc.json (kind=parse) against both XFCC parsers; one row per vector id.</summary>
public class XfccVectorsTests
{
    private const string File = "xfcc.json";

    // Vector error names → our enum. A name not listed here (e.g. from held-back vectors) still requires rejection.
    private static readonly Dictionary<string, XfccError> s_errorNames = new()
    {
        ["unmatched_quote"] = XfccError.UnbalancedQuotes,
        ["pair_without_equals"] = XfccError.MissingEquals,
        ["duplicate_single_valued_key"] = XfccError.DuplicateKey,
        ["unknown_key"] = XfccError.UnknownKey,
        ["empty_key"] = XfccError.EmptyKey,
        ["empty_element"] = XfccError.EmptyElement,
        ["empty"] = XfccError.Empty,
    };

    /// <summary>
    /// Ids of the kind=parse vectors. kind=forward_mode vectors describe what Envoy forwards upstream for each
    /// forward_client_cert_details mode; that is Envoy's behaviour, not something this parser implements, so they are
    /// filtered out here (not skipped).
    /// </summary>
    public static TheoryData<string> ParseVectorIds()
    {
        var data = new TheoryData<string>();
        foreach (var vector in VectorFiles.Vectors(File))
        {
            if (vector.GetProperty("kind").GetString() == "parse")
            {
                data.Add(vector.GetProperty("id").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParseVectorIds))]
    public void Parse_Vector_MatchesExpected(string id)
    {
        var vector = VectorFiles.Get(File, id);
        var input = vector.GetProperty("input").GetString()!;
        var expected = vector.GetProperty("expected");

        bool ok = XfccParser.TryParse(input, out var elements, out var error);

        if (expected.TryGetProperty("error", out var expectedError) && expectedError.ValueKind == JsonValueKind.String)
        {
            Assert.False(ok, $"{id}: expected error '{expectedError.GetString()}', parsed {elements?.Count} element(s)");
            if (s_errorNames.TryGetValue(expectedError.GetString()!, out var mapped))
            {
                Assert.Equal(mapped, error);
            }

            return;
        }

        var expectedElements = expected.GetProperty("elements");
        if (expectedElements.GetArrayLength() == 0)
        {
            // "No elements" is reported as XfccError.Empty (absent identity), not as an empty list.
            Assert.Equal(XfccError.Empty, error);
            return;
        }

        Assert.True(ok, $"{id}: expected success, got {error}");
        Assert.Equal(expectedElements.GetArrayLength(), elements!.Count);
        Assert.Equal(expected.GetProperty("element_count").GetInt32(), elements.Count);
        int i = 0;
        foreach (var e in expectedElements.EnumerateArray())
        {
            var actual = elements[i++];
            Assert.Equal(Strings(e, "by"), actual.By);
            Assert.Equal(OptionalString(e, "hash"), actual.Hash);
            Assert.Equal(OptionalString(e, "cert"), actual.Cert);
            Assert.Equal(OptionalString(e, "chain"), actual.Chain);
            Assert.Equal(OptionalString(e, "subject"), actual.Subject);
            Assert.Equal(Strings(e, "uri"), actual.Uri);
            Assert.Equal(Strings(e, "dns"), actual.Dns);
        }

        Assert.Equal(OptionalString(expected, "immediate_peer"), elements[^1].SingleUri);
    }

    [Theory]
    [MemberData(nameof(ParseVectorIds))]
    public void Summarize_Vector_AgreesWithParse(string id)
    {
        var input = VectorFiles.Get(File, id).GetProperty("input").GetString()!;
        var header = Encoding.UTF8.GetBytes(input);

        var summary = XfccParser.Summarize(header);
        bool ok = XfccParser.TryParse(header, out var elements, out var error);

        XfccAssert.Agree(header, summary, ok, elements, error);
    }

    private static string[] Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.GetString()!);
        }

        return [.. list];
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
