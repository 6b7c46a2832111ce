using System.Diagnostics;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>Runs the real <c>ewids</c> executable (built next to the tests) as an operator would, and never leaves it running.</summary>
internal static class EwidsProcess
{
    private static readonly string[] CommandsWithRules = ["serve", "scan", "proxy"];

    /// <summary>
    /// The arguments, with <c>--rules</c> naming an empty directory after the command when the command takes rules
    /// and the test gives none: these tests pin command-line, scan, policy and process behaviour, and compiling the
    /// shipped rules in every process (and their alerts) is not what they are about. Tests about rules pass
    /// <c>--rules</c> themselves.
    /// </summary>
    public static IEnumerable<string> WithoutShippedRules(IEnumerable<string> args)
    {
        string[] list = [.. args];
        if (list.Length == 0 || !CommandsWithRules.Contains(list[0]) || list.Contains("--rules"))
        {
            return list;
        }

        return [list[0], "--rules", SinkServer.NoRules, .. list[1..]];
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        args = WithoutShippedRules(args);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ewids.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Runs to completion (killed after <paramref name="timeout"/>) and returns the exit code and both streams.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
