using System.Net;
using System.Text;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// The host with <c>--store</c> pointing at a real PostgreSQL (a throwaway cluster, as the store suite uses): alerts
/// are stored and served, and when the database goes away and comes back, what was mirrored meanwhile arrives.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreHostTests(PostgresServer postgres)
{
    [Fact]
    public async Task Serve_WithPostgres_StoresAlerts_AndCatchesUpAfterTheDatabaseWasAway()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var sink = await StoreSink.StartAsync(store: connectionString);
        await sink.MirrorAsync(StoreSink.Attack("pg-1"));
        var list = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 1);
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt64();
        using (var triaged = await sink.Client.PutAsync($"api/alerts/{id}/triage", new StringContent("{\"state\":\"acknowledged\"}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, triaged.StatusCode);
        }

        await using (await postgres.TakeDownAsync(connectionString))
        {
            await sink.MirrorAsync(StoreSink.Attack("pg-while-away"));
            await AdminApiTests.AssertProblemAsync(sink.Client, $"api/alerts/{id}", HttpStatusCode.ServiceUnavailable, null);
        }

        // Back: the writer's retry delivers the alert that waited in its queue.
        var after = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 2);
        Assert.Equal("acknowledged", after.GetProperty("items")[1].GetProperty("state").GetString());
        // "Up" is the last write's outcome, and right after the server is back a write can still fail once after the
        // alert got through (seen once in a full local run under load); the retry sets it again, so wait for it.
        Assert.Equal(1, await sink.Server.WaitForMetricAsync("eastwestids_store_up{store=\"postgres\"}", 1));
    }
}
