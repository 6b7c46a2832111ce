using System.CommandLine;
using System.Globalization;
using EastWestIds.Kubernetes.Cluster;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Host.Cli;

/// <summary>
/// <c>ewids mirror add|remove|list</c>: mirrors of services' HTTP routes to the sink, written into their Istio
/// VirtualServices through the Kubernetes API (or printed as YAML with <c>--dry-run</c>, offline with <c>--objects</c>).
/// </summary>
/// <remarks>
/// Exit codes: 0 done (or nothing to do), 1 refused or failed (nothing, or nothing more, was written), 2 usage or bad
/// input (options, objects files, kubeconfig). Results go to stdout (YAML with --dry-run, else one line per changed
/// object, or the list); notes, warnings and errors to stderr, each prefixed with the command.
/// </remarks>
internal static partial class MirrorCommand
{
    public const int Done = 0;
    public const int RefusedOrFailed = 1;
    public const int Usage = 2;

    public static Command Create()
    {
        var command = new Command("mirror", "Add, remove and list mirrors of services' HTTP routes to the ewids sink (Istio VirtualServices). Exit 0: done, 1: refused or failed, 2: usage or bad input.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Subcommands.Add(Build("add", "Mirror a Service's HTTP routes to the sink: edits the VirtualServices that route it (creating one when none does), keeping everything else."));
        command.Subcommands.Add(Build("remove", "Undo exactly what 'ewids mirror add' did for a Service, and nothing else."));
        command.Subcommands.Add(Build("list", "Every mirror of every HTTP route: service, mirror target, percentage, whether the target Service exposes the port."));
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            error.WriteLine(parseResult.UnmatchedTokens.Count > 0
                ? $"ewids mirror: unknown command '{parseResult.UnmatchedTokens[0]}'; use add, remove or list (see 'ewids mirror --help')."
                : "ewids mirror: say add, remove or list (see 'ewids mirror --help').");
            return Usage;
        });
        return command;
    }

    private static Command Build(string verb, string description)
    {
        var options = new MirrorOptions(verb);
        var command = new Command(verb, description) { TreatUnmatchedTokensAsErrors = false };
        if (verb != "list")
        {
            command.Arguments.Add(options.Service);
        }

        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => RunAsync(verb, options, parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string verb, MirrorOptions options, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var prefix = $"ewids mirror {verb}";
        var problems = new List<string>();
        var settings = options.Read(parseResult, problems);
        if (problems.Count > 0 || settings is null)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"{prefix}: {problem}");
            }

            await error.WriteLineAsync($"{prefix}: see 'ewids mirror {verb} --help'.");
            return Usage;
        }

        IMirrorCluster cluster;
        try
        {
            cluster = settings.Objects is { } path ? FileMirrorCluster.Load(path) : KubernetesMirrorCluster.Connect(settings.Kubeconfig, settings.Context);
        }
        catch (Exception ex) when (ex is KubeObjectFileException or ClusterApiException)
        {
            await error.WriteLineAsync($"{prefix}: {ex.Message}");
            return Usage;
        }

        var manager = new MirrorManager(cluster, settings.Sink)
        {
            DryRun = settings.DryRun,
            IstioVersionOverride = settings.IstioVersion,
        };
        if (verb == "list")
        {
            return await ListAsync(manager, settings, output, error, prefix, cancellationToken);
        }

        var result = verb == "add"
            ? await manager.AddAsync(settings.Service, settings.Percent, cancellationToken)
            : await manager.RemoveAsync(settings.Service, cancellationToken);
        return await ReportAsync(result, settings.DryRun, output, error, prefix);
    }

    private static async Task<int> ReportAsync(MirrorResult result, bool dryRun, TextWriter output, TextWriter error, string prefix)
    {
        foreach (var note in result.Notes.Concat(result.Plan.Notes))
        {
            await error.WriteLineAsync($"{prefix}: {note}");
        }

        foreach (var warning in result.Plan.Warnings)
        {
            await error.WriteLineAsync($"{prefix}: warning: {warning}");
        }

        switch (result.Outcome)
        {
            case MirrorOutcome.Refused:
                await error.WriteLineAsync($"{prefix}: refused: {result.Plan.Refusal}; nothing was changed");
                return RefusedOrFailed;
            case MirrorOutcome.Failed:
                await error.WriteLineAsync($"{prefix}: failed: {result.Error}");
                return RefusedOrFailed;
            case MirrorOutcome.NothingToDo:
                await error.WriteLineAsync($"{prefix}: nothing to change");
                return Done;
        }

        if (dryRun)
        {
            MirrorManager.WriteYaml(result.Plan, output);
            await error.WriteLineAsync($"{prefix}: dry run: {result.Plan.Changes.Count} change(s) printed, nothing applied");
            return Done;
        }

        foreach (var change in result.Plan.Changes)
        {
            await output.WriteLineAsync(change.Description);
        }

        return Done;
    }

    private static async Task<int> ListAsync(MirrorManager manager, MirrorSettings settings, TextWriter output, TextWriter error, string prefix, CancellationToken cancellationToken)
    {
        List<(MirrorListEntry Entry, string PortStatus)> rows;
        try
        {
            rows = await manager.ListAsync(settings.ListNamespace, cancellationToken);
        }
        catch (ClusterApiException ex)
        {
            await error.WriteLineAsync($"{prefix}: failed: {ex.Message}");
            return RefusedOrFailed;
        }

        if (rows.Count == 0)
        {
            await error.WriteLineAsync($"{prefix}: no mirrors{(settings.ListNamespace is { } ns ? $" in namespace {ns}" : "")}");
            return Done;
        }

        string[] header = ["SERVICE", "VIRTUALSERVICE", "ROUTE", "MIRROR", "PERCENT", "PORT-EXPOSED", "BY-EWIDS"];
        var table = rows.Select(r => new[]
        {
            r.Entry.Services,
            r.Entry.VirtualService,
            r.Entry.Route,
            r.Entry.Port is { } port ? $"{r.Entry.TargetHost}:{port}" : r.Entry.TargetHost,
            r.Entry.Percent.ToString("0.####", CultureInfo.InvariantCulture),
            r.PortStatus,
            r.Entry.AddedByEwids ? "yes" : "no",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, table.Max(row => row[i].Length))).ToArray();
        foreach (var row in table.Prepend(header))
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
        }

        return Done;
    }
}
