using System.CommandLine;
using EastWestIds.Policy.Baseline;
using EastWestIds.Storage;

namespace EastWestIds.Host.Cli;

/// <summary>
/// <c>ewids policy baseline export [--store …] [--data-dir …]</c>: the store's <c>baseline</c> table as JSON Lines on
/// stdout (<see cref="BaselineJsonLines"/>), the input of <c>ewids policy suggest --baseline</c>.
/// </summary>
internal static partial class PolicyCommand
{
    private static Command CreateBaselineExport()
    {
        var store = new Option<string>("--store") { Description = "The store 'ewids serve' writes to: sqlite (ewids.db under --data-dir), sqlite:PATH, or a PostgreSQL URL or connection string. [default: sqlite]", HelpName = "STORE", Arity = ArgumentArity.ZeroOrOne };
        var dataDir = new Option<string>("--data-dir") { Description = $"Directory of the SQLite store. [default: {StoreSettings.DefaultDataDirectory}]", HelpName = "DIR", Arity = ArgumentArity.ZeroOrOne };
        var caller = new Option<string>("--caller") { Description = "Only this caller principal (spiffe://…).", HelpName = "PRINCIPAL", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("export", "Write the learned baseline from the store as JSON Lines on stdout (one edge per line: caller, callee, method, path, count, first_seen, last_seen). Exit 0: done, 2: bad usage or no store.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(store);
        command.Options.Add(dataDir);
        command.Options.Add(caller);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var input = new CommandInput(parseResult, "baseline export");
            input.CheckUnmatched();
            var settings = new StoreSettings { Store = input.Value(store), DataDirectory = input.Value(dataDir) ?? StoreSettings.DefaultDataDirectory };
            var callerValue = input.Value(caller);
            if ((settings.Store is null || settings.Store.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
                && !File.Exists(Path.Combine(settings.DataDirectory, "ewids.db")))
            {
                input.Problems.Add($"--data-dir: no store at {Path.Combine(settings.DataDirectory, "ewids.db")} (where 'ewids serve --data-dir' keeps it)");
            }

            if (input.Report(Console.Error))
            {
                return BadInput;
            }

            return await ExportAsync(settings, callerValue, Console.Out, Console.Error, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> ExportAsync(StoreSettings settings, string? caller, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        IAlertStore store;
        try
        {
            store = settings.CreateStore();
        }
        catch (ArgumentException ex)
        {
            await errors.WriteLineAsync($"ewids policy baseline export: {ex.Message}");
            return BadInput;
        }

        await using (store)
        {
            try
            {
                await store.InitializeAsync(cancellationToken);
                var entries = await store.ListBaselineAsync(caller, null, 1_000_000, cancellationToken);
                var lines = EastWestIds.Host.Baseline.StoredBaselineLines.From(entries); // older spellings merged into the Service key
                BaselineJsonLines.Write(output, lines);
                await output.FlushAsync(cancellationToken);
                await errors.WriteLineAsync($"ewids policy baseline export: {lines.Count} edges");
                return Ok;
            }
            catch (Exception ex) when (ex is StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException or IOException)
            {
                await errors.WriteLineAsync($"ewids policy baseline export: cannot read the store: {ex.Message}");
                return BadInput;
            }
        }
    }
}
