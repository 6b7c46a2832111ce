using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace EastWestIds.Storage.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temp directory, started with pg_ctl on 127.0.0.1
/// and a free port, trust authentication, fsync off; stopped and deleted at the end. PostgreSQL refuses to run as
/// root, so under root (CI) the server runs as the <c>postgres</c> user (Debian's package creates it) or <c>nobody</c>.
/// When no server binaries exist the fixture fails every PostgreSQL test with a message saying what to install:
/// the store's PostgreSQL half is never silently untested.
/// </summary>
public sealed partial class PostgresServer : IAsyncLifetime
{
    private string? _root;
    private string? _pgCtl;
    private string? _runAs;
    private int _port;

    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database)
        => $"Host=127.0.0.1;Port={_port};Username=ewids;Database={database};Pooling=true;Timeout=5;Include Error Detail=true";

    public async Task InitializeAsync()
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found (initdb under /usr/lib/postgresql/*/bin or on PATH). "
            + "Install Debian's 'postgresql' package (./test.sh does it on a fresh machine); the PostgreSQL store tests cannot run without a real server.");
        _pgCtl = Path.Combine(bin, "pg_ctl");
        _runAs = geteuid() == 0 ? (UserExists("postgres") ? "postgres" : "nobody") : null;
        _root = Directory.CreateTempSubdirectory("ewids-pg-").FullName;
        if (_runAs is not null && !OperatingSystem.IsWindows())
        {
            // The server's user must be able to create its data directory, socket and log here.
            File.SetUnixFileMode(_root, (UnixFileMode)0x1FF);
        }

        _port = FreePort();
        var data = Path.Combine(_root, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "ewids", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await RunAsync(_pgCtl,
        [
            "-D", data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o",
            $"-p {_port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start",
        ]);
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Refuses new connections to one database and ends its sessions, until the returned handle is disposed.</summary>
    public async Task<IAsyncDisposable> TakeDownAsync(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await AdminAsync($"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");
        return new Restore(() => AdminAsync($"ALTER DATABASE {database} ALLOW_CONNECTIONS true"));
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_root is null)
        {
            return;
        }

        try
        {
            if (_pgCtl is not null)
            {
                await RunAsync(_pgCtl, ["-D", Path.Combine(_root, "data"), "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };
        if (_runAs is not null)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", _runAs, "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = _root is not null && File.Exists(Path.Combine(_root, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(_root, "server.log")) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} failed (exit {process.ExitCode}{(_runAs is null ? "" : ", as user " + _runAs)}): {await stdout}{await stderr}{log}");
        }
    }

    private static string? FindBinDirectory()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        return null;
    }

    private static bool UserExists(string name)
        => File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
