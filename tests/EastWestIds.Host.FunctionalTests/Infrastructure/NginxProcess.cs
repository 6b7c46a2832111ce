using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>
/// A real nginx (the Debian package's <c>/usr/sbin/nginx</c>) run in the foreground as the current user, with
/// everything it writes kept in a temporary prefix directory: configuration, pid file, error log and every
/// <c>*_temp_path</c> (the package's defaults are under /var/log/nginx and /var/lib/nginx). The caller gives
/// the contents of the <c>http { }</c> block. Disposing kills nginx (master and workers) and deletes the directory.
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    /// <summary>What the README's test command installs.</summary>
    public const string InstallHint = "nginx is needed by this test and was not found at " + Binary +
        ": run the README's test command (it does 'apt-get install -y nginx-light'), then run the tests again.";

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly EventHandler _onExit;
    private bool _disposed;

    private NginxProcess(Process process, StringBuilder output, string prefix)
    {
        _process = process;
        _output = output;
        Prefix = prefix;
        _onExit = (_, _) => Kill();
        // If the test host exits without disposing (a crash, Ctrl+C), nginx must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>The temporary prefix directory (<c>nginx -p</c>).</summary>
    public string Prefix { get; }

    public string ErrorLogPath => Path.Combine(Prefix, "error.log");

    /// <summary>
    /// Starts nginx with <paramref name="httpBlock"/> as the contents of its <c>http { }</c> block and waits until
    /// every port in <paramref name="listenPorts"/> accepts connections on 127.0.0.1.
    /// </summary>
    public static async Task<NginxProcess> StartAsync(string httpBlock, IReadOnlyList<int> listenPorts, TimeSpan? timeout = null)
    {
        if (!File.Exists(Binary))
        {
            Assert.Fail(InstallHint);
        }

        var prefix = Directory.CreateTempSubdirectory("ewids-nginx-").FullName;
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(prefix, httpBlock));

        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -e: the error log used before the configuration is read (the package's default may be /var/log/nginx).
        foreach (var argument in new[]
                 {
                     "-p", prefix + "/", "-c", config, "-e", Path.Combine(prefix, "error.log"),
                     "-g", $"daemon off; pid {Path.Combine(prefix, "nginx.pid")}; error_log {Path.Combine(prefix, "error.log")} info;",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var nginx = new NginxProcess(process, output, prefix);
        try
        {
            await nginx.WaitUntilListeningAsync(listenPorts, timeout ?? TimeSpan.FromSeconds(15));
            return nginx;
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }

    /// <summary>A port that was free a moment ago: bind port 0, read it back, release it.</summary>
    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>nginx's own output and its error log, for failure messages.</summary>
    public string Diagnostics()
    {
        string log;
        try
        {
            log = File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : "(no error log)";
        }
        catch (IOException ex)
        {
            log = $"(error log unreadable: {ex.Message})";
        }

        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        return $"nginx output:\n{output}\nnginx error log ({ErrorLogPath}):\n{log}";
    }

    /// <summary>Error-log lines at level <c>error</c> or worse (upstream failures, crashes of workers).</summary>
    public IReadOnlyList<string> ErrorLines()
    {
        if (!File.Exists(ErrorLogPath))
        {
            return [];
        }

        return File.ReadAllLines(ErrorLogPath)
            .Where(line => line.Contains("[error]", StringComparison.Ordinal) || line.Contains("[crit]", StringComparison.Ordinal)
                || line.Contains("[alert]", StringComparison.Ordinal) || line.Contains("[emerg]", StringComparison.Ordinal))
            .ToArray();
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
            Directory.Delete(Prefix, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp directory left behind is not worth failing a test over.
        }
    }

    private static string Configuration(string prefix, string httpBlock)
    {
        string Temp(string name) => Path.Combine(prefix, name);

        // As root, workers would switch to 'nobody', which cannot enter the 0700 temp directory; as anyone else
        // the directive is ignored with a warning, so it is only written for root.
        var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
        return $$"""
            {{user}}worker_processes 1;
            events {
                worker_connections 256;
            }
            http {
                access_log off;
                client_body_temp_path {{Temp("client_body_temp")}};
                proxy_temp_path {{Temp("proxy_temp")}};
                fastcgi_temp_path {{Temp("fastcgi_temp")}};
                uwsgi_temp_path {{Temp("uwsgi_temp")}};
                scgi_temp_path {{Temp("scgi_temp")}};

            {{httpBlock}}
            }

            """;
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
                    throw new InvalidOperationException($"nginx exited with code {_process.ExitCode} before listening on {port}.\n{Diagnostics()}");
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
                    throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within {timeout}: {ex.SocketErrorCode}.\n{Diagnostics()}");
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
                // The master and its workers: the workers do not exit by themselves when the master is killed.
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
