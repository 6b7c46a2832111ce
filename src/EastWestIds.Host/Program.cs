using System.Globalization;
using EastWestIds.Host.Cli;

namespace EastWestIds.Host;

/// <summary>The <c>ewids</c> command.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        // The process runs with ICU (Directory.Build.props says why), so the host's locale would otherwise reach every
        // culture-sensitive call, ours (the analyzers forbid them) and the libraries': alerts, metrics and verdicts must
        // read the same on every node, whatever its LANG.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        return CommandLineApp.Build().Parse(args).InvokeAsync();
    }
}
