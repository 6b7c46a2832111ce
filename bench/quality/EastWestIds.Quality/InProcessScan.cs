using System.Text.Json;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Quality;

/// <summary>
/// Runs a rule directory over a corpus with the signature engine in-process and writes verdict lines in the shape of
/// <c>ewids scan --verdicts</c> (rule sids only). For iterating on rules: seconds instead of a full scan, and the
/// same decoding and matching code <c>ewids scan</c> uses.
/// </summary>
public static class InProcessScan
{
    /// <summary>
    /// The match timeout of pcre that need the backtracking engine, when measuring: one second, not the live engine's
    /// 10 ms, because a timeout counts as no match and a loaded machine (CI, parallel builds) must not move the figures.
    /// bench/quality/run.sh passes the same to <c>ewids scan --pcre-timeout</c>.
    /// </summary>
    public static readonly TimeSpan MeasurementPcreTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Compiles <paramref name="rulesDir"/>; errors go to <paramref name="errors"/> and yield <see langword="null"/>.</summary>
    public static CompiledSignatureSet? Compile(string rulesDir, TextWriter errors)
    {
        var fileErrors = new List<SignatureLoadError>();
        IReadOnlyList<string> files = SignatureSetLoader.RuleFiles(rulesDir, fileErrors);
        SignatureCompileResult result = SignatureSetLoader.Load(files, SignatureEngineDefaults.Options with { PcreTimeout = MeasurementPcreTimeout });
        foreach (SignatureLoadError error in fileErrors.Concat(result.Errors))
        {
            errors.WriteLine(error);
        }

        return fileErrors.Count == 0 ? result.Set : null;
    }

    /// <summary>Scans every line of <paramref name="corpusPath"/> and writes one verdict line per request.</summary>
    public static void Run(CompiledSignatureSet set, string corpusPath, TextWriter output)
    {
        foreach ((string id, List<int> sids) in Scan(set, corpusPath))
        {
            output.WriteLine(JsonSerializer.Serialize(new { id, alerts = sids.Select(s => new { sid = s }) }));
        }
    }

    /// <summary>Scans every line of <paramref name="corpusPath"/>: the distinct sids that matched, per request id, in file order.</summary>
    public static List<(string Id, List<int> Sids)> Scan(CompiledSignatureSet set, string corpusPath)
    {
        var matcher = new SignatureMatcher(set);
        var buffers = new RequestBuffers();
        var verdicts = new List<(string, List<int>)>();
        int ordinal = 0;
        foreach (string line in File.ReadLines(corpusPath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ordinal++;
            using JsonDocument doc = JsonDocument.Parse(line);
            var view = new CorpusRequestView(doc.RootElement);
            buffers.Reset(view);
            matcher.Inspect(buffers);
            var sids = new SortedSet<int>();
            foreach (SignatureMatch match in matcher.Matches)
            {
                sids.Add(match.Signature.Sid);
            }

            string id = view.Id.Length > 0 ? view.Id : ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
            verdicts.Add((id, [.. sids]));
        }

        return verdicts;
    }
}
