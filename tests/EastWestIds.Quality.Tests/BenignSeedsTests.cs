using System.Text.Json;
using EastWestIds.Quality;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// Benign traffic the rules were never tuned on: the benign generator (tests/corpus/generate-benign.py) with the five
/// other pairs of seeds of bench/quality/benign-seeds.sh, the same request shapes with other names, prose, tokens,
/// passwords and cookie jars, scanned in-process with the shipped rules. The committed corpus is tuned to 0 flagged;
/// these must stay within the issue's target of 0.1%, and within what was measured when the rules were committed.
/// </summary>
public sealed class BenignSeedsTests
{
    // Measured 2026-11-30 (session 18): 4 of 14,800, all form logins whose random password holds a shell or SQL shape
    // by chance (README "Detection quality"; ewids scan also counts a fifth, the double-encoding finding for a literal
    // %78, which this in-process count leaves out); the issue's target, 0.1%, would allow 14. Session 27 added 40
    // MessagePack, CBOR and GraphQL calls per seed and a fifth: a GraphQL document sent as application/graphql with an
    // inline search for "order by mail", which the body's SQL detector (9408014) reads whole, quotes and all, as it did
    // before the session (its string values, now arguments, are clean).
    private const int MaxFlagged = 5;

    [Fact]
    public void TheGeneratorWithOtherSeeds_FlagsAtMostWhatWasMeasured()
    {
        int total = 0;
        var flagged = new List<string>();
        foreach (int seed in (int[])[1, 2, 3, 4, 5])
        {
            string corpus = Path.Combine(Path.GetTempPath(), $"ewids-benign-seed{seed}-{Environment.ProcessId}.jsonl");
            try
            {
                PythonScripts.Run("tests/corpus/generate-benign.py", $"{seed}1128", $"{seed}1130", corpus);
                Dictionary<string, string> kinds = File.ReadLines(corpus).Select(Kind).ToDictionary(k => k.Id, k => k.Kind, StringComparer.Ordinal);
                foreach ((string id, List<int> sids) in InProcessScan.Scan(ShippedRules.Set, corpus))
                {
                    total++;
                    if (sids.Exists(QualityReport.Counts))
                    {
                        flagged.Add($"seed {seed}: {id} ({kinds[id]}): {string.Join(", ", sids)}");
                    }
                }
            }
            finally
            {
                File.Delete(corpus);
            }
        }

        Assert.True(total > 14000, $"only {total} requests generated");
        Assert.True(flagged.Count <= MaxFlagged, $"{flagged.Count} of {total} flagged (at most {MaxFlagged}):\n{string.Join("\n", flagged)}");
    }

    private static (string Id, string Kind) Kind(string line)
    {
        using var record = JsonDocument.Parse(line);
        return (record.RootElement.GetProperty("id").GetString()!, record.RootElement.GetProperty("kind").GetString()!);
    }
}
