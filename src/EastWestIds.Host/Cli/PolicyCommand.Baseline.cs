using System.CommandLine;

namespace EastWestIds.Host.Cli;

/// <summary><c>ewids policy baseline export</c>: the persisted baseline as JSON Lines (the input of <c>suggest --baseline</c>).</summary>
internal static partial class PolicyCommand
{
    private static Command CreateBaseline()
    {
        var baseline = new Command("baseline", "Work with the learned baseline.");
        baseline.Subcommands.Add(CreateBaselineExport());
        return baseline;
    }
}
