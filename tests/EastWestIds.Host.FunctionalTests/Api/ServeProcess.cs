using System.Diagnostics;
using System.Text.RegularExpressions;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// A real <c>ewids serve</c> child process on ports the OS picks (read back from its start-up banner), killed with
/// SIGKILL on demand or when disposed.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderrTail;

    private ServeProcess(Process process, int mirrorPort, int adminPort, Task<string> stderrTail)
    {
        _process = process;
        MirrorPort = mirrorPort;
        AdminPort = adminPort;
        _stderrTail = stderrTail;
    }

    public int MirrorPort { get; }

    public int AdminPort { get; }

    public static async Task<ServeProcess> StartAsync(IEnumerable<string> args)
    {
        var process = Process.Start(EwidsProcess.StartInfo(
            ["serve", "--mirror-port", "0", "--admin-port", "0", "--mirror-address", "127.0.0.1", "--eve", "/dev/null", .. args],
            new Dictionary<string, string> { ["EWIDS_ADMIN_TOKEN"] = "" }))!;
        process.StandardOutput.BaseStream.CopyToAsync(Stream.Null).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new System.Text.StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardError.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("ewids serve printed no banner: " + seen);
            }

            if (line is null)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"ewids serve exited with {process.ExitCode}: {seen}");
            }

            seen.AppendLine(line);
            if (Banner().Match(line) is { Success: true } match)
            {
                var rest = process.StandardError.ReadToEndAsync();
                return new ServeProcess(process, int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), rest);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no drain, no flush.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL on Linux
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _stderrTail.ContinueWith(_ => { }, TaskScheduler.Default);
        _process.Dispose();
    }

    [GeneratedRegex(@"mirror port (\d+) .*admin port (\d+)")]
    private static partial Regex Banner();
}
