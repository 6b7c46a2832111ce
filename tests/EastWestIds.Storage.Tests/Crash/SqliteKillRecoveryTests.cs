using System.Diagnostics;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Sqlite;
using EastWestIds.Storage.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace EastWestIds.Storage.Tests.Crash;

/// <summary>
/// A sink killed with SIGKILL loses at most the batch in flight, and the store opens cleanly afterwards: a child
/// process writes alerts, is killed mid-stream, and the database is then checked (<c>PRAGMA integrity_check</c>),
/// counted against what the child had reported committed, reopened, migrated and written to again.
/// </summary>
public sealed class SqliteKillRecoveryTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ewids-kill-");

    [Fact]
    public async Task Sigkill_WhileWriting_DatabaseIntactAndEveryReportedWriteKept()
    {
        var database = Path.Combine(_directory.FullName, SqliteAlertStore.FileName);
        var reported = 0L;
        for (var round = 0; round < 3; round++)
        {
            reported = await RunAndKillAsync(database, killAfterWritten: 300 * (round + 1));

            await using var store = new SqliteAlertStore(database);
            Assert.Equal("ok", await store.CheckIntegrityAsync());
            await store.InitializeAsync();
            var stored = await store.CountAlertsAsync(AlertFilter.All);
            Assert.True(stored >= reported, $"round {round}: {stored} alerts stored but the writer had reported {reported} written");

            // Every stored row is whole: its evidence and body read back as written.
            await foreach (var alert in store.ExportAsync(AlertFilter.All))
            {
                if (alert.Sid < 0)
                {
                    continue; // written by the check below in an earlier round
                }

                Assert.Equal(2000, alert.Request.BodyExcerpt!.Length);
            }

            var batch = new StoreBatch();
            batch.Alerts.Add(TestAlerts.Make(sid: -1));
            await store.WriteBatchAsync(batch);
            Assert.Equal(stored + 1, await store.CountAlertsAsync(AlertFilter.All));
        }

        Assert.True(reported >= 900);
    }

    private static async Task<long> RunAndKillAsync(string database, long killAfterWritten)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("write-until-killed");
        start.ArgumentList.Add(database);
        using var child = Process.Start(start)!;
        var errors = child.StandardError.ReadToEndAsync();
        long reported = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (reported < killAfterWritten)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"the writer child exited early: {await errors}");
                if (line.StartsWith("written ", StringComparison.Ordinal))
                {
                    reported = long.Parse(line["written ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        finally
        {
            // Process.Kill sends SIGKILL on Unix: no finally blocks, no flush, no WAL checkpoint in the child.
            child.Kill();
            await child.WaitForExitAsync();
        }

        Assert.Equal(137, child.ExitCode); // 128 + SIGKILL
        return reported;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
