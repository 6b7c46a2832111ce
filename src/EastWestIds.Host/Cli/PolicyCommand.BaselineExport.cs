using System.CommandLine;

namespace EastWestIds.Host.Cli;

internal static partial class PolicyCommand
{
    private static Command CreateBaselineExport()
    {
        var command = new Command("export", "Write the persisted baseline as JSON Lines on stdout.");
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(BadInput));
        return command;
    }
}
