using EastWestIds.Host.Cli;

namespace EastWestIds.Host;

/// <summary>The <c>ewids</c> command.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CommandLineApp.Build().Parse(args).InvokeAsync();
}
