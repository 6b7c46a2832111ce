using EastWestIds.Quality;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Loading;

// Detection-quality report: joins `ewids scan --verdicts` output with the corpus labels and prints the README table.
//   quality --crs CORPUS --crs-verdicts V [--benign CORPUS --benign-verdicts V] [--fail-below-targets]
//   quality --validate DIR        load every rule file under DIR and print every load error (exit 2 when any)
//   quality --misses CORPUS V     list attacks without a counting alert, and flagged negatives, by id
var options = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--fail-below-targets")
    {
        flags.Add(args[i]);
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        options[args[i]] = args[++i];
    }
    else
    {
        Console.Error.WriteLine($"quality: unexpected argument '{args[i]}'");
        return 2;
    }
}

if (options.TryGetValue("--validate", out string? rulesDir))
{
    SignatureLoadResult loaded = SignatureFileLoader.LoadDirectory(rulesDir);
    foreach (SignatureLoadError error in loaded.Errors)
    {
        Console.Error.WriteLine(error);
    }

    foreach (SignatureLoadError warning in loaded.Warnings)
    {
        Console.Error.WriteLine($"warning: {warning}");
    }

    Console.WriteLine($"{loaded.Signatures.Count} rules loaded, {loaded.Errors.Count} errors, {loaded.Warnings.Count} warnings");
    return loaded.Errors.Count == 0 ? 0 : 2;
}

if (options.TryGetValue("--scan", out string? scanPath))
{
    // quality --scan CORPUS --rules DIR --out VERDICTS: in-process scan, verdict lines like ewids scan --verdicts
    EastWestIds.Signatures.Matching.CompiledSignatureSet? set = InProcessScan.Compile(options.GetValueOrDefault("--rules", "signatures"), Console.Error);
    if (set is null)
    {
        return 2;
    }

    using var output = new StreamWriter(options.GetValueOrDefault("--out", "verdicts.jsonl"));
    InProcessScan.Run(set, scanPath, output);
    return 0;
}

if (!options.TryGetValue("--crs", out string? crsPath) || !options.TryGetValue("--crs-verdicts", out string? crsVerdictsPath))
{
    Console.Error.WriteLine("usage: quality --crs CORPUS --crs-verdicts VERDICTS [--benign CORPUS --benign-verdicts VERDICTS] [--fail-below-targets] | --validate DIR");
    return 2;
}

List<LabelledRequest> crsLabels = CorpusReader.ReadLabels(crsPath, "uncategorized", defaultExpectDetect: true);
var crsVerdicts = CorpusReader.ReadVerdicts(crsVerdictsPath);
List<QualityRow> rows = QualityReport.Compute(crsLabels, crsVerdicts);

QualityRow? benign = null;
if (options.TryGetValue("--benign", out string? benignPath) && options.TryGetValue("--benign-verdicts", out string? benignVerdictsPath))
{
    List<LabelledRequest> benignLabels = CorpusReader.ReadLabels(benignPath, "benign", defaultExpectDetect: false);
    benign = QualityReport.Compute(benignLabels, CorpusReader.ReadVerdicts(benignVerdictsPath)).Single(r => r.Category == "total");
}

if (options.TryGetValue("--misses", out string? missesPath))
{
    using var writer = new StreamWriter(missesPath);
    foreach (LabelledRequest label in crsLabels)
    {
        bool flagged = crsVerdicts.TryGetValue(label.Id, out List<int>? sids) && sids.Exists(QualityReport.Counts);
        if (label.ExpectDetect != flagged)
        {
            writer.WriteLine($"{(label.ExpectDetect ? "missed" : "flagged")}\t{label.Category}\t{label.Id}\t{string.Join(',', sids ?? [])}");
        }
    }
}

Console.Write(QualityReport.ToMarkdown(rows, benign));
if (!flags.Contains("--fail-below-targets"))
{
    return 0;
}

QualityTargets.Result verdict = QualityTargets.Check(rows, benign);
foreach (string miss in verdict.Misses)
{
    Console.Error.WriteLine($"target missed: {miss}");
}

return verdict.Misses.Count == 0 ? 0 : 1;
