using System.Text.Json;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Quality;

/// <summary>
/// Runs a rule directory over a corpus with the signature engine in-process and writes verdict lines in the shape of
/// <c>ewids scan --verdicts</c> (rule sids only). For iterating on rules: seconds instead of a full scan, and the
/// same decoding and matching code <c>ewids scan</c> uses.
/// </summary>
public static class InProcessScan
{
    /// <summary>The detectors the engine registers, adapted to the compiler's delegate.</summary>
    public static SignatureCompilerOptions Options { get; } = new()
    {
        Detectors = new Dictionary<DetectorKind, BufferDetector>
        {
            [DetectorKind.SqlInjection] = (ReadOnlySpan<byte> input, out int start, out int length) => Adapt(SqlInjectionDetector.TryDetect(input, out DetectorMatch m), m, out start, out length),
            [DetectorKind.CrossSiteScripting] = (ReadOnlySpan<byte> input, out int start, out int length) => Adapt(CrossSiteScriptingDetector.TryDetect(input, out DetectorMatch m), m, out start, out length),
        },
    };

    /// <summary>Compiles <paramref name="rulesDir"/>; errors go to <paramref name="errors"/> and yield <see langword="null"/>.</summary>
    public static CompiledSignatureSet? Compile(string rulesDir, TextWriter errors)
    {
        var fileErrors = new List<SignatureLoadError>();
        IReadOnlyList<string> files = SignatureSetLoader.RuleFiles(rulesDir, fileErrors);
        SignatureCompileResult result = SignatureSetLoader.Load(files, Options);
        foreach (SignatureLoadError error in fileErrors.Concat(result.Errors))
        {
            errors.WriteLine(error);
        }

        return fileErrors.Count == 0 ? result.Set : null;
    }

    /// <summary>Scans every line of <paramref name="corpusPath"/> and writes one verdict line per request.</summary>
    public static void Run(CompiledSignatureSet set, string corpusPath, TextWriter output)
    {
        var matcher = new SignatureMatcher(set);
        var buffers = new RequestBuffers();
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
            output.WriteLine(JsonSerializer.Serialize(new { id, alerts = sids.Select(s => new { sid = s }) }));
        }
    }

    private static bool Adapt(bool found, DetectorMatch match, out int start, out int length)
    {
        start = found ? match.Start : 0;
        length = found ? match.Length : 0;
        return found;
    }
}
