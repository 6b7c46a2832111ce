using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;

/// <summary>
/// `MatcherCost starts FILE [RULES-DIR]`: every NonBacktracking pattern of the set (pcre and leading-context rests),
/// with the share of prose its start chars make up (<see cref="StartSearchChoice"/>), whether it walks, and its best
/// time as .NET builds it (searching for start chars) and as <see cref="StartSearchChoice.Walking"/>, on the long
/// string values of FILE (JSON Lines whose "body" is a JSON object), on 400- and 40-char pieces of them, and on short
/// API values. The last lines sum each workload's cost over all patterns: all searching, as the compiler chose, and
/// each pattern its faster way.
/// </summary>
static class StartSearchCosts
{
    private static readonly string[] ApiValues =
    [
        "SKU-1000", "Trail running shoe size 40", "en", "EUR", "7f7344ac-039a-99ee-910b-7a1716fa9a6e", "null",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "application/json", "/api/v1/catalog/search", "catalog.shop.svc.cluster.local:8080", "gzip, deflate, br",
    ];

    public static int Run(CompiledSignatureSet set, string file)
    {
        string[] texts = [.. File.ReadLines(file).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("body").GetString()!)
            .SelectMany(body => JsonDocument.Parse(body).RootElement.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length > 1000)
            .Select(p => p.Value.GetString()!)];
        string[] pieces400 = [.. texts.SelectMany(t => Pieces(t, 400)).Take(400)];
        string[] pieces40 = [.. texts.SelectMany(t => Pieces(t, 40)).Take(2000)];
        (string Name, string[] Values)[] workloads = [("long", texts), ("400", pieces400), ("40", pieces40), ("api", ApiValues)];

        var patterns = set.Signatures.SelectMany(s => s.Programs.SelectMany(p => p.Steps).OfType<PcreStep>())
            .Where(p => p.Alternation is null).Select(p => p.LeadingContext?.Rest ?? p.Pattern)
            .Where(p => (p.Options & RegexOptions.NonBacktracking) != 0)
            .DistinctBy(p => (p.Pattern, p.Options)).ToList();
        Console.WriteLine($"{patterns.Count} NonBacktracking patterns; {texts.Length} long values of {texts.Average(t => t.Length):F0} chars; " +
            "µs per value searching / walking on: " + string.Join(", ", workloads.Select(w => w.Name)));
        Console.WriteLine("share\twalks\tfixed\tprefixes\t.NET search\t" + string.Join("\t", workloads.Select(w => $"{w.Name} search\t{w.Name} walk")) + "\toptions\tpattern");
        var rows = new List<(bool Walks, double[] Search, double[] Walk)>();
        foreach (LazyRegex pattern in patterns)
        {
            bool[]? start = RegexLiterals.StartChars(pattern.Pattern, pattern.Options);
            double share = start is null ? double.NaN : StartSearchChoice.ProseShare(start);
            IReadOnlyList<bool[]>? fixedSets = RegexLiterals.FixedDistanceSets(pattern.Pattern, pattern.Options);
            string fixedShares = fixedSets is null ? "-" : string.Join(",", fixedSets.Select(f => $"{StartSearchChoice.ProseShare(f):F3}:{f.Count(b => b)}"));
            int prefixes = RegexLiterals.LeadingPrefixes(pattern.Pattern, pattern.Options)?.Count ?? 0;
            Regex searching, walking;
            try
            {
                searching = new Regex(pattern.Pattern, pattern.Options);
                walking = new Regex(StartSearchChoice.Walking(pattern.Pattern), pattern.Options);
            }
            catch (NotSupportedException)
            {
                continue;
            }

            string dotnet = DotNetFindMode(searching);
            double[] search = [.. workloads.Select(w => Best(searching, w.Values))];
            double[] walk = [.. workloads.Select(w => Best(walking, w.Values))];
            rows.Add((pattern.Walks, search, walk));
            Console.WriteLine($"{share:F3}:{start?.Count(b => b) ?? 0}\t{(pattern.Walks ? "walks" : "-")}\t{fixedShares}\t{prefixes}\t{dotnet}\t" +
                string.Join("\t", search.Zip(walk, (s, k) => $"{s:F2}\t{k:F2}")) + $"\t{(int)pattern.Options}\t{pattern.Pattern}");
        }

        for (int w = 0; w < workloads.Length; w++)
        {
            double asBuilt = rows.Sum(r => r.Walks ? r.Walk[w] : r.Search[w]);
            double allSearch = rows.Sum(r => r.Search[w]);
            double best = rows.Sum(r => Math.Min(r.Search[w], r.Walk[w]));
            Console.WriteLine($"{workloads[w].Name}: all patterns searching {allSearch:F1} µs a value, as chosen {asBuilt:F1}, each its faster way {best:F1}");
        }

        return 0;
    }

    /// <summary>
    /// How .NET searches for where a match of <paramref name="regex"/> may start (its internal
    /// <c>RegexFindOptimizations.FindMode</c>, read by reflection: diagnostics only, to check what
    /// <see cref="StartSearchChoice"/> predicts); "?" when this runtime keeps it elsewhere.
    /// </summary>
    private static string DotNetFindMode(Regex regex)
    {
        const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public;
        object? Member(object? o, string name)
        {
            for (Type? t = o?.GetType(); t is not null; t = t.BaseType)
            {
                if (t.GetField(name, Any) is { } field)
                {
                    return field.GetValue(o);
                }

                if (t.GetProperty(name, Any) is { } property)
                {
                    return property.GetValue(o);
                }
            }

            return null;
        }

        object? matcher = Member(Member(regex, "factory"), "_matcher");
        return matcher is null ? "?" : Member(Member(matcher, "_findOpts"), "FindMode")?.ToString() ?? "none";
    }

    private static IEnumerable<string> Pieces(string text, int length)
    {
        for (int at = 0; at + length <= text.Length; at += length * 7)
        {
            yield return text.Substring(at, length);
        }
    }

    /// <summary>Best of five passes over <paramref name="values"/>, in µs per value.</summary>
    private static double Best(Regex regex, string[] values)
    {
        foreach (string value in values)
        {
            regex.IsMatch(value);
        }

        double best = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach (string value in values)
            {
                regex.IsMatch(value);
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / values.Length);
        }

        return best;
    }
}
