using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>
/// A real server program from the machine's packages (nginx, Prometheus) run in the foreground for one test, with
/// everything it writes kept in a temporary directory. It is killed with its children when disposed, and also if the
/// test host exits without disposing it, so no server outlives the test run.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly EventHandler _onExit;
    private bool _disposed;

    private ExternalProcess(string name, ProcessStartInfo start, string directory)
    {
        Name = name;
        Directory = directory;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>What the program is, for messages.</summary>
    public string Name { get; }

    /// <summary>The temporary directory that holds the program's configuration, data and logs.</summary>
    public string Directory { get; }

    /// <summary>Everything the program printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A port that was free a moment ago: bind port 0, read it back, release it.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Starts <paramref name="binary"/> with <paramref name="arguments"/> and waits until every port in
    /// <paramref name="listenPorts"/> accepts connections on 127.0.0.1. <paramref name="diagnostics"/> adds what the
    /// program logged elsewhere (a log file) to failure messages.
    /// </summary>
    public static async Task<ExternalProcess> StartAsync(
        string name,
        string binary,
        IEnumerable<string> arguments,
        string directory,
        IReadOnlyList<int> listenPorts,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new ExternalProcess(name, start, directory);
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        try
        {
            await process.WaitUntilListeningAsync(listenPorts, timeout);
            return process;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Kill();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported below only if the directory cannot go either; nothing else to do.
            }
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is not worth failing a test over.
        }
    }

    private async Task WaitUntilListeningAsync(IReadOnlyList<int> ports, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    // Let the output readers catch up before reporting.
                    await _process.WaitForExitAsync();
                    throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before listening on {port}.\n{Output}");
                }

                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(25);
                }
                catch (SocketException ex)
                {
                    throw new TimeoutException($"{Name} did not listen on 127.0.0.1:{port} within {timeout}: {ex.SocketErrorCode}.\n{Output}");
                }
            }
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The program and its children (nginx's workers do not exit by themselves when the master is killed).
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
