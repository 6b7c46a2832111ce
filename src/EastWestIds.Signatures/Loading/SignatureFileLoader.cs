using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Loading;

/// <summary>
/// Loads a rule set: every <c>*.rules</c> file under a directory (recursively, in ordinal path order so results and
/// messages are stable), parsed by <see cref="SignatureParser"/> and validated by <see cref="SignatureValidator"/>,
/// then checked for sids used twice across the whole set (the first in load order wins). Every error of every
/// file is collected and returned in file, line, column order. Rules of Suricata rule sets that EastWestIds cannot
/// apply (another protocol, a response, state across requests, a keyword it does not implement: see
/// <see cref="RuleSkipping"/>) are skipped and listed, not errors.
/// </summary>
public static class SignatureFileLoader
{
    /// <summary>The file pattern loaded.</summary>
    public const string RuleFilePattern = "*.rules";

    /// <summary>Loads every rule file under <paramref name="directory"/> with the default keywords.</summary>
    public static SignatureLoadResult LoadDirectory(string directory) => LoadDirectory(directory, KeywordRegistry.Default);

    /// <summary>Loads every rule file under <paramref name="directory"/> with <paramref name="registry"/>.</summary>
    public static SignatureLoadResult LoadDirectory(string directory, KeywordRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(registry);
        if (!Directory.Exists(directory))
        {
            return new SignatureLoadResult([], [new SignatureLoadError(directory, 0, 0, null, "signature directory does not exist")], [], []);
        }

        string[] paths = Directory.GetFiles(directory, RuleFilePattern, SearchOption.AllDirectories);
        Array.Sort(paths, StringComparer.Ordinal);
        var files = new List<(string Path, string? Text, string? ReadError)>(paths.Length);
        foreach (string path in paths)
        {
            try
            {
                files.Add((path, File.ReadAllText(path), null));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                files.Add((path, null, $"cannot read file: {e.Message}"));
            }
        }

        return Load(files, registry);
    }

    /// <summary>Loads rule texts given as (file name, content) pairs, in the order given; for tests and <c>ewids rules</c>.</summary>
    public static SignatureLoadResult LoadTexts(IEnumerable<(string File, string Text)> files, KeywordRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = new List<(string, string?, string?)>();
        foreach ((string file, string text) in files)
        {
            list.Add((file, text, null));
        }

        return Load(list, registry ?? KeywordRegistry.Default);
    }

    private static SignatureLoadResult Load(List<(string Path, string? Text, string? ReadError)> files, KeywordRegistry registry)
    {
        var errors = new List<SignatureLoadError>();
        var warnings = new List<SignatureLoadError>();
        var skipped = new List<SkippedSignature>();
        var signatures = new List<SignatureConfig>();
        var firstBySid = new Dictionary<int, SignatureConfig>();
        foreach ((string path, string? text, string? readError) in files)
        {
            if (readError is not null)
            {
                errors.Add(new SignatureLoadError(path, 0, 0, null, readError));
                continue;
            }

            foreach (SignatureSyntax rule in SignatureParser.Parse(text!, path, errors))
            {
                if (RuleSkipping.Reason(rule) is var (kind, subject, reason))
                {
                    skipped.Add(new SkippedSignature(rule.Location.File, rule.Location.Line, SignatureValidator.FindSid(rule), kind, subject, reason));
                    continue;
                }

                if (SignatureValidator.Validate(rule, registry, errors) is not { } signature)
                {
                    continue;
                }

                if (firstBySid.TryGetValue(signature.Sid, out SignatureConfig? first))
                {
                    SourceLocation at = rule.Location;
                    errors.Add(new SignatureLoadError(at.File, at.Line, at.Column, signature.Sid,
                        $"sid {signature.Sid} is already used by the rule at {first.Syntax.Location}"));
                    continue;
                }

                firstBySid.Add(signature.Sid, signature);
                signatures.Add(signature);
                AddWarnings(signature, warnings);
            }
        }

        // Per-file phases report in different passes (parse, validate, duplicate sids): order by place for readers.
        var fileOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string path, _, _) in files)
        {
            fileOrder.TryAdd(path, fileOrder.Count);
        }

        SignatureLoadError[] sorted =
        [
            .. errors.OrderBy(e => fileOrder.GetValueOrDefault(e.File, int.MaxValue)).ThenBy(e => e.Line).ThenBy(e => e.Column),
        ];
        return new SignatureLoadResult(signatures, sorted, warnings, skipped);
    }

    private static void AddWarnings(SignatureConfig signature, List<SignatureLoadError> warnings)
    {
        foreach (SignatureOption option in signature.Options)
        {
            if (option is PcreOption { NonBacktrackingRejection: { } why })
            {
                SourceLocation at = option.Location;
                warnings.Add(new SignatureLoadError(at.File, at.Line, at.Column, signature.Sid,
                    $"pcre: needs the backtracking engine (bounded by a match timeout): {why}"));
            }
        }
    }
}
