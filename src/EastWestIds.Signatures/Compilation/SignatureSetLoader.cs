using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Compilation;

/// <summary>
/// Loads and compiles the rules of several paths into one set: each path is a <c>*.rules</c> file or a directory
/// searched recursively (files in ordinal path order). Errors of every file, of loading and of compiling, are
/// returned together; a missing path is an error too, so a typo in <c>--rules</c> never silently yields no rules.
/// </summary>
public static class SignatureSetLoader
{
    /// <summary>Loads and compiles everything under <paramref name="paths"/> (default options: <see cref="SignatureEngineDefaults.Options"/>).</summary>
    public static SignatureCompileResult Load(IEnumerable<string> paths, SignatureCompilerOptions? options = null, KeywordRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<SignatureLoadError>();
        var files = new List<(string File, string Text)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            foreach (string file in RuleFiles(path, errors))
            {
                if (!seen.Add(Path.GetFullPath(file)))
                {
                    continue;
                }

                try
                {
                    files.Add((file, File.ReadAllText(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new SignatureLoadError(file, 0, 0, null, $"cannot read file: {e.Message}"));
                }
            }
        }

        return Compile(SignatureFileLoader.LoadTexts(files, registry), errors, options ?? SignatureEngineDefaults.Options);
    }

    /// <summary>Loads and compiles rule texts given as (file name, content) pairs; for tests and tools.</summary>
    public static SignatureCompileResult LoadTexts(IEnumerable<(string File, string Text)> files, SignatureCompilerOptions? options = null) =>
        Compile(SignatureFileLoader.LoadTexts(files), [], options ?? SignatureEngineDefaults.Options);

    /// <summary>The rule files a path names: itself, or the <c>*.rules</c> files under it.</summary>
    public static IReadOnlyList<string> RuleFiles(string path, ICollection<SignatureLoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(errors);
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            errors.Add(new SignatureLoadError(path, 0, 0, null, "no such rule file or directory"));
            return [];
        }

        try
        {
            string[] found = Directory.GetFiles(path, SignatureFileLoader.RuleFilePattern, SearchOption.AllDirectories);
            Array.Sort(found, StringComparer.Ordinal);
            return found;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new SignatureLoadError(path, 0, 0, null, $"cannot list directory: {e.Message}"));
            return [];
        }
    }

    private static SignatureCompileResult Compile(SignatureLoadResult loaded, List<SignatureLoadError> readErrors, SignatureCompilerOptions? options)
    {
        // Compile the valid rules even when others failed to load, so one run reports every problem of the set.
        SignatureCompileResult compiled = SignatureCompiler.Compile(loaded.Signatures, options);
        SignatureLoadError[] warnings = [.. loaded.Warnings, .. compiled.Warnings];
        if (loaded.Succeeded && readErrors.Count == 0)
        {
            return compiled with { Warnings = warnings, Skipped = loaded.Skipped };
        }

        SignatureLoadError[] errors =
        [
            .. readErrors,
            .. loaded.Errors.Concat(compiled.Errors).OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column),
        ];
        return new SignatureCompileResult(null, errors, warnings) { Skipped = loaded.Skipped };
    }
}
