using EastWestIds.Storage.Sqlite;
using EastWestIds.Storage.Tests.Fixtures;
using EastWestIds.Storage.Writing;

namespace EastWestIds.Storage.Tests.Crash;

/// <summary>
/// The child process of <see cref="SqliteKillRecoveryTests"/>: a writer feeding a SQLite store as fast as it can, in
/// small batches, printing how many alerts the writer has reported written (committed) after each flush.
/// </summary>
internal static class KillTarget
{
    public static async Task WriteUntilKilledAsync(string database)
    {
        var store = new SqliteAlertStore(database);
        await store.InitializeAsync();
        var writer = new AlertStoreWriter(store, new StoreWriterOptions { MaxBatchItems = 20, MaxQueuedItems = 200 });
        writer.Start();
        var sid = 0;
        while (true)
        {
            for (var i = 0; i < 50; i++)
            {
                writer.TryEnqueue(TestAlerts.Make(sid: sid++, body: new string('b', 2000)));
            }

            await writer.FlushAsync();
            Console.Out.WriteLine("written " + writer.GetStats().AlertsWritten);
            Console.Out.Flush();
        }
    }
}
