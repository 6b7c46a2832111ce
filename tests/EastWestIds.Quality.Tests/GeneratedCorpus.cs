using System.Text.Json;

namespace EastWestIds.Quality.Tests;

/// <summary>A corpus one of the repository's Python generators builds, scanned in-process with the shipped rules.</summary>
internal static class GeneratedCorpus
{
    /// <summary>
    /// Runs <paramref name="script"/> with <paramref name="arguments"/> and a temporary output path as its last
    /// argument, scans what it wrote like <c>ewids scan --verdicts</c> and returns every record with the sids it raised
    /// (none when it raised nothing). The file is deleted.
    /// </summary>
    public static List<(JsonElement Record, List<int> Sids)> Scan(string script, params string[] arguments) =>
        Generate(script, arguments, corpus =>
        {
            var verdicts = InProcessScan.Scan(ShippedRules.Set, corpus).ToDictionary(v => v.Id, v => v.Sids, StringComparer.Ordinal);
            var records = new List<(JsonElement, List<int>)>();
            foreach (string line in File.ReadLines(corpus))
            {
                using var record = JsonDocument.Parse(line);
                string id = record.RootElement.GetProperty("id").GetString()!;
                records.Add((record.RootElement.Clone(), verdicts.GetValueOrDefault(id) ?? []));
            }

            Assert.True(verdicts.Count == records.Count, $"{verdicts.Count} verdicts for {records.Count} requests");
            return records;
        });

    /// <summary>The JSON lines <paramref name="script"/> writes with <paramref name="arguments"/>, unscanned.</summary>
    public static List<string> Lines(string script, params string[] arguments) =>
        Generate(script, arguments, corpus => File.ReadLines(corpus).Where(l => !string.IsNullOrWhiteSpace(l)).ToList());

    /// <summary>
    /// Runs the generator into a temporary file of its own (test classes run in parallel, and two may build the same
    /// corpus), reads it with <paramref name="read"/> and deletes it.
    /// </summary>
    private static T Generate<T>(string script, string[] arguments, Func<string, T> read)
    {
        string corpus = Path.Combine(Path.GetTempPath(), $"ewids-{Path.GetFileNameWithoutExtension(script)}-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        PythonScripts.Run(script, [.. arguments, corpus]);
        try
        {
            return read(corpus);
        }
        finally
        {
            File.Delete(corpus);
        }
    }
}
