using System.CommandLine;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;

namespace EastWestIds.Host.Cli;

/// <summary><c>ewids policy check --objects … REQUESTS…</c>: the verdict of each recorded request, one line each.</summary>
internal static partial class PolicyCommand
{
    private static Command CreateCheck()
    {
        var mesh = new MeshOptions();
        var requests = new Argument<string[]>("REQUESTS") { Arity = ArgumentArity.ZeroOrMore, Description = "Recorded requests: .jsonl (the corpus format of 'ewids scan'), .har, anything else raw HTTP/1.1." };
        var command = new Command(
            "check",
            "Print the AuthorizationPolicy verdict of each recorded request: one line 'ID<TAB>VERDICT<TAB>POLICY/RULE'. "
            + "Verdicts: allowed, denied, would-deny, ext-authz, unprotected, not-judged; a fourth column when path parameters, doubled or escaped slashes or letter case hide a denied path. Exit 0: done, 2: bad input or usage.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        mesh.AddTo(command);
        command.Arguments.Add(requests);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = new CommandInput(parseResult, "check");
            input.CheckUnmatched();
            var files = input.Files(requests, "REQUESTS");
            if (files.Count == 0)
            {
                input.Problems.Add("no REQUESTS file given");
            }

            input.RequireFiles(files, "REQUESTS");
            var options = input.Problems.Count == 0 ? mesh.Load(input, required: true) : null;
            if (input.Report(Console.Error) || options is null)
            {
                return BadInput;
            }

            return await CheckAsync(files, options, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> CheckAsync(IReadOnlyList<string> files, InspectionOptions options, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var inputErrors = await RequestReplay.RunAsync(files, options, replayed =>
        {
            var (verdict, detail) = Describe(replayed.Context);
            output.WriteLine($"{RequestId(replayed.Record)}\t{verdict}\t{detail}{HiddenPathNote(replayed.Context)}");
        }, cancellationToken);
        foreach (var error in inputErrors)
        {
            await errors.WriteLineAsync($"ewids policy check: {error}");
        }

        await output.FlushAsync(cancellationToken);
        return inputErrors.Count > 0 ? BadInput : Ok;
    }

    /// <summary>
    /// A fourth column when the sidecar's verdict holds only for the path as sent: the path as Tomcat, Jetty and Spring
    /// read it (parameters dropped), as servers that merge slashes or decode <c>%2F</c> read it, or with its letter case
    /// ignored, would be denied (finding 9300012, 9300013 or 9300014, whose evidence it is).
    /// </summary>
    private static string HiddenPathNote(InspectionContext context)
    {
        foreach (var finding in context.Findings)
        {
            if (BuiltInSignatures.HiddenDeniedPaths.Contains(finding.Signature))
            {
                return "\t" + finding.Detail;
            }
        }

        return string.Empty;
    }
}
