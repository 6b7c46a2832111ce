using System.CommandLine;
using EastWestIds.Host.Signatures;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Host.Cli;

/// <summary>
/// <c>ewids rules test [DIR]</c>: compiles every rule under DIR (default: the shipped signatures/ directory) as one
/// set and runs every <c>*.cases.yaml</c> under it through the sink's pipeline. Exit 0: all cases pass; 1: a case
/// failed; 2: a rule or cases file does not load, or bad usage. Rules the set skips (other protocols, responses, …)
/// are listed; with <c>--strict</c> they are errors too, for a repository of one's own rules, where a skip is a
/// mistake rather than a rule written for another sensor. With <c>--require-cases</c> a rule that no case expects to
/// fire fails the run too (exit 1).
/// </summary>
internal static class RulesCommand
{
    public const int Passed = 0;
    public const int CasesFailed = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var rules = new Command("rules", "Work with signature rules.");
        var directory = new Argument<string?>("DIR") { Arity = ArgumentArity.ZeroOrOne, Description = "Rule directory (default: the signatures/ directory next to the binary)." };
        var test = new Command("test", "Compile the rules and run their cases files. Exit 0: all pass, 1: a case failed, 2: a file does not load.");
        var strict = new Option<bool>("--strict") { Description = "Treat skipped rules (other protocols, responses, flowbits, unimplemented keywords) as errors: exit 2." };
        var requireCases = new Option<bool>("--require-cases") { Description = "Every rule must be expected to fire by a case: list the rules no case expects and exit 1 if there are any." };
        test.Arguments.Add(directory);
        test.Options.Add(strict);
        test.Options.Add(requireCases);
        test.SetAction((parseResult, _) => Task.FromResult(Run(
            parseResult.GetValue(directory), Console.Out, Console.Error, parseResult.GetValue(strict), parseResult.GetValue(requireCases))));
        rules.Subcommands.Add(test);
        return rules;
    }

    /// <summary>
    /// The match timeout of pcre that need the backtracking engine while cases run: a second, not the live 10 ms. Cases
    /// check what a rule matches, not how fast; a timeout counts as no match, so on a busy machine (CI running test
    /// projects in parallel) the live timeout made a must-match case of a backreference rule fail now and then.
    /// </summary>
    internal static readonly TimeSpan CasesPcreTimeout = TimeSpan.FromSeconds(1);

    internal static int Run(string? directory, TextWriter output, TextWriter errors, bool strict = false, bool requireCases = false)
    {
        RuleSources sources = RuleSources.From(directory is null ? null : [directory], CasesPcreTimeout);
        if (!Directory.Exists(sources.Paths[0]))
        {
            errors.WriteLine($"ewids rules test: {sources.Paths[0]}: no such directory");
            return BadInput;
        }

        SignatureCompileResult compiled = sources.Load();
        if (compiled.Set is not { } set)
        {
            foreach (var error in compiled.Errors)
            {
                errors.WriteLine($"ewids rules test: {error}");
            }

            errors.WriteLine($"ewids rules test: {compiled.Errors.Count} rule error(s)");
            return BadInput;
        }

        if (compiled.Skipped.Count > 0)
        {
            // Every skipped rule, then the tally: `ewids rules test` is where an analyst checks what an imported set does.
            foreach (SkippedSignature skipped in compiled.Skipped)
            {
                output.WriteLine(skipped.ToString());
            }

            output.WriteLine($"{compiled.Skipped.Count} rules skipped (EastWestIds cannot apply them): {string.Join("; ", SkippedSignature.Summary(compiled.Skipped))}");
            if (strict)
            {
                errors.WriteLine($"ewids rules test: {compiled.Skipped.Count} rules skipped, and --strict makes that an error");
                return BadInput;
            }
        }

        string[] casesFiles = Directory.GetFiles(sources.Paths[0], "*" + CasesFileReader.Suffix, SearchOption.AllDirectories);
        Array.Sort(casesFiles, StringComparer.Ordinal);
        var runner = new CasesRunner(set);
        var loadProblems = new List<string>();
        var expectedBy = new HashSet<int>();
        var refusedBy = new HashSet<int>();
        int cases = 0, failed = 0;
        foreach (string file in casesFiles)
        {
            foreach (RuleCase c in CasesFileReader.Read(file, loadProblems))
            {
                if (c.Problem() is not null)
                {
                    continue;
                }

                cases++;
                IReadOnlyList<string> problems = runner.Run(c);
                expectedBy.UnionWith(c.Expect ?? []);
                refusedBy.UnionWith(c.ExpectNoneAll ? set.BySid.Keys : c.ExpectNoneSids([]));
                if (problems.Count == 0)
                {
                    continue;
                }

                failed++;
                foreach (string problem in problems)
                {
                    output.WriteLine($"FAIL {file}:{c.Line}: {c.Name}: {problem}");
                }
            }
        }

        foreach (string problem in loadProblems)
        {
            errors.WriteLine($"ewids rules test: {problem}");
        }

        CompiledSignature[] untestedRules = [.. set.Signatures.Where(s => !expectedBy.Contains(s.Sid))];
        int untested = untestedRules.Length;
        if (requireCases)
        {
            // A rule no case fires can be broken (a literal its buffer never holds, a pcre that contradicts its content)
            // and nothing says so: with --require-cases that is a failure, named rule by rule.
            foreach (CompiledSignature rule in untestedRules)
            {
                output.WriteLine($"NO CASE {rule}");
            }
        }

        int unrefuted = set.Signatures.Count(s => !refusedBy.Contains(s.Sid));
        output.WriteLine(
            $"{set.Count} rules, {casesFiles.Length} cases files, {cases} cases: {cases - failed} passed, {failed} failed; " +
            $"{untested} rules without a matching case, {unrefuted} without a non-matching case");
        // Rules the prefilter cannot preselect run on every request: the main cost of matching (bench/README.md).
        int[] always = [.. set.Signatures.Where(s => s.FastPattern is null).Select(s => s.Sid)];
        if (always.Length > 0)
        {
            output.WriteLine($"{always.Length} rules have no prefilter literal and run on every request: {string.Join(", ", always)}");
        }

        return loadProblems.Count > 0 ? BadInput : failed > 0 || (requireCases && untested > 0) ? CasesFailed : Passed;
    }
}
