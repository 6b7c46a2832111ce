using System.Text;
using System.Text.Json;
using EastWestIds.Fuzz;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The real payloads and the real prose through the arguments fuzz target (fuzz/EastWestIds.Fuzz/ArgumentsTarget.cs):
/// each text as the value of one argument in every carrier a service reads arguments from (the query as sent, encoded
/// twice and in <c>%u</c> escapes, forms, multipart, JSON plain, <c>\u</c>-escaped and in UTF-16, YAML, MessagePack,
/// CBOR, GraphQL, XML), each carrier raising exactly the rules, with the same evidence, that the others raise. An
/// attack found in one and not in another is an evasion the caller picks; a benign text flagged in one only is a false
/// positive that depends on a client library. Stricter than <see cref="BodyFormatEvasionTests"/>, which asks a
/// variant to raise the reference's argument rules and lets it raise more.
/// </summary>
public sealed class ArgumentCarrierParityTests
{
    private static readonly Lazy<ArgumentsTarget> Target = new(() => new ArgumentsTarget(new InspectionHarness(ShippedRules.Set)));

    [Fact]
    public void EveryPayloadOfPayloadsAllTheThings_RaisesTheSameRulesInEveryCarrier()
    {
        var payloads = EvasionVariants.Records(placements: null).Select(r => r["payload"]!.GetValue<string>()).ToList();
        AssertSameInEveryCarrier(payloads, atLeast: 5_000);
    }

    /// <summary>Every fifth text of the prose corpus (the quotations, dialogue and poems of Debian's fortune files).</summary>
    [Fact]
    public void TextsPeopleWrote_RaiseTheSameRulesInEveryCarrier()
    {
        var texts = GeneratedCorpus.Lines("bench/quality/prose/make-prose-corpus.py", "/usr/share/games/fortunes")
            .Where((_, i) => i % 5 == 0)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .ToList();
        AssertSameInEveryCarrier(texts, atLeast: 14_000);
    }

    private static void AssertSameInEveryCarrier(List<string> texts, int atLeast)
    {
        var failures = new List<string>();
        int compared = 0;
        foreach (string text in texts)
        {
            byte[] value = Encoding.UTF8.GetBytes(text);
            if (value.Length > ArgumentsTarget.MaxComparedValue)
            {
                continue;
            }

            compared++;
            try
            {
                Target.Value.Run([0, .. value]); // name length 0: the argument is named q
            }
            catch (FuzzInvariantException e)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(compared >= atLeast, $"only {compared} texts compared");
        Assert.True(failures.Count == 0, $"{failures.Count} of {compared} texts were found differently by carrier:\n{string.Join("\n\n", failures.Take(8))}");
    }
}
