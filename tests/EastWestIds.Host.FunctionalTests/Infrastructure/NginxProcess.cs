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

    private readonly ExternalProcess _process;

    private NginxProcess(ExternalProcess process) => _process = process;

    /// <summary>The temporary prefix directory (<c>nginx -p</c>).</summary>
    public string Prefix => _process.Directory;

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

        // -e: the error log used before the configuration is read (the package's default may be /var/log/nginx).
        string[] arguments =
        [
            "-p", prefix + "/", "-c", config, "-e", Path.Combine(prefix, "error.log"),
            "-g", $"daemon off; pid {Path.Combine(prefix, "nginx.pid")}; error_log {Path.Combine(prefix, "error.log")} info;",
        ];
        try
        {
            return new NginxProcess(await ExternalProcess.StartAsync("nginx", Binary, arguments, prefix, listenPorts, timeout ?? TimeSpan.FromSeconds(15)));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{ex.Message}\nnginx error log:\n{ReadLog(Path.Combine(prefix, "error.log"))}", ex);
        }
    }

    /// <summary>A port that was free a moment ago.</summary>
    public static int FreePort() => ExternalProcess.FreePort();

    /// <summary>nginx's own output and its error log, for failure messages.</summary>
    public string Diagnostics() => $"nginx output:\n{_process.Output}\nnginx error log ({ErrorLogPath}):\n{ReadLog(ErrorLogPath)}";

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

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static string ReadLog(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "(no error log)";
        }
        catch (IOException ex)
        {
            return $"(error log unreadable: {ex.Message})";
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
}
