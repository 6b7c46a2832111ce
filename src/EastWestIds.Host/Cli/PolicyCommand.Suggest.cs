using System.CommandLine;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Policy.Baseline;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Suggestion;

namespace EastWestIds.Host.Cli;

/// <summary>
/// <c>ewids policy suggest</c>: least-privilege ALLOW AuthorizationPolicies from an exported baseline or from recorded
/// requests, as YAML on stdout; with <c>--check</c>, which recorded requests the suggested policies plus the existing
/// ones would deny (on stderr, so stdout stays ready to apply).
/// </summary>
internal static partial class PolicyCommand
{
    private static Command CreateSuggest()
    {
        var mesh = new MeshOptions();
        var baseline = new Option<string[]>("--baseline") { Description = "Baseline in JSON Lines ('ewids policy baseline export'; repeat).", HelpName = "FILE.jsonl", Arity = ArgumentArity.ZeroOrMore };
        var requests = new Option<string[]>("--requests") { Description = "Recorded requests to learn from instead (.jsonl as 'ewids scan' reads, .har, raw HTTP/1.1; repeat).", HelpName = "FILE", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<string[]>("--check") { Description = "Recorded requests to judge against the suggested plus the existing policies; those denied are listed on stderr.", HelpName = "REQUESTS", Arity = ArgumentArity.ZeroOrMore };
        var pathStyle = new Option<string>("--path-style") { Description = "template: Istio >= 1.22 path templates (/reviews/{*}); prefix: older Istio (/reviews/*, wider). [default: template]", HelpName = "template|prefix", Arity = ArgumentArity.ZeroOrOne };
        var dryRun = new Option<bool>("--dry-run") { Description = "Annotate each policy istio.io/dry-run: \"true\", to watch what it would deny before enforcing it." };
        var command = new Command(
            "suggest",
            "Suggest least-privilege ALLOW AuthorizationPolicies (one per destination workload: principals, methods, path templates) "
            + "from a learned baseline or recorded requests. YAML on stdout. Exit 0: done, 2: bad input or usage.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        mesh.AddTo(command);
        foreach (var option in new Option[] { baseline, requests, check, pathStyle, dryRun })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = new CommandInput(parseResult, "suggest");
            input.CheckUnmatched();
            var baselineFiles = input.List(baseline);
            var requestFiles = input.List(requests);
            var checkFiles = input.List(check);
            if ((baselineFiles.Count == 0) == (requestFiles.Count == 0))
            {
                input.Problems.Add("give either --baseline FILE.jsonl or --requests FILE (one of the two)");
            }

            input.RequireFiles(baselineFiles, "--baseline");
            input.RequireFiles(requestFiles, "--requests");
            input.RequireFiles(checkFiles, "--check");
            var style = PathStyle.Template;
            if (input.Value(pathStyle) is { } styleText && !Enum.TryParse(styleText, ignoreCase: true, out style))
            {
                input.Problems.Add($"--path-style: '{styleText}' is not template or prefix");
            }

            var options = input.Problems.Count == 0 ? mesh.Load(input, required: true) : null;
            if (input.Report(Console.Error) || options is null)
            {
                return BadInput;
            }

            var settings = new SuggestSettings(baselineFiles, requestFiles, checkFiles, style, parseResult.GetValue(dryRun), mesh, input);
            return await SuggestAsync(settings, options, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    private sealed record SuggestSettings(
        List<string> Baseline, List<string> Requests, List<string> Check, PathStyle Style, bool DryRun, MeshOptions Mesh, CommandInput Input);

    private static async Task<int> SuggestAsync(SuggestSettings settings, InspectionOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var edges = await EdgesAsync(settings, options, errors, cancellationToken);
        if (edges is null)
        {
            return BadInput;
        }

        var inventory = options.Policies!.Current.Inventory;
        var result = PolicySuggester.Suggest(edges, inventory, settings.Style);
        var yaml = new StringWriter();
        SuggestionYamlWriter.Write(yaml, result, settings.DryRun);
        await output.WriteAsync(yaml.ToString());
        await output.FlushAsync(cancellationToken);
        foreach (var note in result.Notes)
        {
            await errors.WriteLineAsync($"ewids policy suggest: note: {note}");
        }

        await errors.WriteLineAsync($"ewids policy suggest: {result.Policies.Length} policies from {result.EdgesUsed} of {edges.Count} edges");
        if (settings.Check.Count == 0)
        {
            return Ok;
        }

        return await DryRunAsync(settings, yaml.ToString(), errors, cancellationToken);
    }

    /// <summary>The edges to suggest from: the baseline files, or what learning over the recorded requests gives.</summary>
    private static async Task<List<LearnedEdge>?> EdgesAsync(SuggestSettings settings, InspectionOptions options, TextWriter errors, CancellationToken cancellationToken)
    {
        if (settings.Baseline.Count > 0)
        {
            var problems = new List<string>();
            var edges = new List<LearnedEdge>();
            foreach (var file in settings.Baseline)
            {
                using var reader = new StreamReader(file, Encoding.UTF8);
                edges.AddRange(BaselineJsonLines.Read(reader, file, problems).Select(line => line.Edge));
            }

            foreach (var problem in problems)
            {
                await errors.WriteLineAsync($"ewids policy suggest: {problem}");
            }

            return problems.Count > 0 ? null : edges;
        }

        // Learning over the recordings, as 'serve --learn' would: calls the existing policies deny are not learned.
        var learner = new BaselineLearner(maxEdges: 1_000_000, learning: true);
        var inputErrors = await RequestReplay.RunAsync(settings.Requests, options with { Baseline = learner }, _ => { }, cancellationToken);
        foreach (var error in inputErrors)
        {
            await errors.WriteLineAsync($"ewids policy suggest: {error}");
        }

        return inputErrors.Count > 0 ? null : learner.Snapshot();
    }

    /// <summary>
    /// The dry run over real traffic: the suggested YAML is read back as objects next to the existing ones (the same
    /// reader and evaluator the sink uses), and every request it denies is listed.
    /// </summary>
    private static async Task<int> DryRunAsync(SuggestSettings settings, string yaml, TextWriter errors, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ewids-suggested-{Environment.ProcessId}-{Guid.NewGuid():N}.yaml");
        try
        {
            await File.WriteAllTextAsync(file, yaml, cancellationToken);
            var input = settings.Input;
            input.Warnings.Clear();
            var options = settings.Mesh.Load(input, required: true, extraObjects: [file]);
            if (options is null)
            {
                input.Report(errors);
                return BadInput;
            }

            int total = 0, denied = 0;
            var inputErrors = await RequestReplay.RunAsync(settings.Check, options, replayed =>
            {
                total++;
                var policy = replayed.Context.Policy;
                if (!policy.Judged || policy.Verdict.Kind is not (VerdictKind.Denied or VerdictKind.WouldDeny))
                {
                    return;
                }

                denied++;
                var (verdict, detail) = Describe(replayed.Context);
                var request = replayed.Request;
                errors.WriteLine(
                    $"ewids policy suggest: check: {verdict}: {RequestId(replayed.Record)}\t{Encoding.ASCII.GetString(replayed.Context.Caller.Principal(request))} → "
                    + $"{Encoding.ASCII.GetString(replayed.Context.Callee.RawAuthority(request))} {Encoding.ASCII.GetString(request.Method)} {Encoding.Latin1.GetString(request.Target)}\t{detail}");
            }, cancellationToken);
            foreach (var error in inputErrors)
            {
                await errors.WriteLineAsync($"ewids policy suggest: {error}");
            }

            await errors.WriteLineAsync($"ewids policy suggest: check: {denied} of {total} recorded requests would be denied by the suggested plus the existing policies");
            return inputErrors.Count > 0 ? BadInput : Ok;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
