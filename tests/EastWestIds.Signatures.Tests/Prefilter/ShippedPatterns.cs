using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Tests.Prefilter;

/// <summary>The pcre of the shipped rules and sample inputs from the CRS corpus, for soundness tests of pattern analyses.</summary>
internal static class ShippedPatterns
{
    public static List<(string Pattern, RegexOptions Options)> Pcre()
    {
        string dir = TestCommon.RepositoryPaths.InRepository("signatures");
        var result = EastWestIds.Signatures.Compilation.SignatureSetLoader.Load([dir]);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return [.. result.Set!.Signatures
            .SelectMany(s => s.Config.Options.OfType<EastWestIds.Signatures.Keywords.PcreOption>())
            .Select(p => (p.Pattern, p.Options))
            .Distinct()];
    }

    /// <summary>URIs (raw and decoded) and small bodies of the first 1,500 CRS corpus requests.</summary>
    public static List<string> CorpusInputs()
    {
        string corpus = TestCommon.RepositoryPaths.SharedFile("corpus", "crs-requests.jsonl");
        var inputs = new List<string>();
        foreach (string line in File.ReadLines(corpus).Take(1500))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var root = doc.RootElement;
            string uri = root.GetProperty("uri").GetString() ?? "";
            inputs.Add(uri);
            inputs.Add(Uri.UnescapeDataString(uri.Replace('+', ' ')));
            if (root.TryGetProperty("body", out var body) && body.GetString() is { Length: > 0 and < 4096 } text)
            {
                inputs.Add(text);
            }
        }

        return inputs;
    }
}
