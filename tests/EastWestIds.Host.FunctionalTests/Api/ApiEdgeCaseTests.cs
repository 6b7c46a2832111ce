using System.Net;
using System.Text;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>Answers to odd requests: no store, oversized or non-JSON bodies.</summary>
public sealed class ApiEdgeCaseTests
{
    [Fact]
    public async Task WithoutAStore_TheApiAnswers503_AndTheSinkStillAlerts()
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sink.AdminPort}/") };
        await AdminApiTests.AssertProblemAsync(client, "api/alerts", HttpStatusCode.ServiceUnavailable, "--store none");
        await AdminApiTests.AssertProblemAsync(client, "api/suppressions", HttpStatusCode.ServiceUnavailable, null);
        Assert.Null(sink.Services.GetService(typeof(EastWestIds.Storage.IAlertStore)));
    }

    [Fact]
    public async Task TheStoreAndItsWriter_AreServicesOfTheAdminApp()
    {
        await using var sink = await StoreSink.StartAsync();
        var store = Assert.IsAssignableFrom<EastWestIds.Storage.IAlertStore>(sink.Server.Services.GetService(typeof(EastWestIds.Storage.IAlertStore)));
        var writer = Assert.IsType<EastWestIds.Storage.Writing.AlertStoreWriter>(sink.Server.Services.GetService(typeof(EastWestIds.Storage.Writing.AlertStoreWriter)));
        Assert.Same(store, writer.Store);
        Assert.Equal("sqlite", store.Kind);
    }

    [Fact]
    public async Task Triage_OversizedOrNotJson_IsRefusedWithAProblem()
    {
        await using var sink = await StoreSink.StartAsync();
        await sink.MirrorAsync(StoreSink.Attack("edge"));
        var list = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 1);
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt64();

        var huge = "{\"state\":\"resolved\",\"comment\":\"" + new string('x', 100_000) + "\"}";
        using (var tooLarge = await sink.Client.PutAsync($"api/alerts/{id}/triage", new StringContent(huge, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }

        using (var text = await sink.Client.PutAsync($"api/alerts/{id}/triage", new StringContent("state=resolved", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        }

        using (var empty = await sink.Client.PutAsync($"api/alerts/{id}/triage", new StringContent("", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }

        using (var unknown = await sink.Client.PutAsync("api/alerts/987654321/triage", new StringContent("{\"state\":\"resolved\"}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        Assert.Equal("new", (await sink.GetJsonAsync($"api/alerts/{id}")).GetProperty("triage").GetProperty("state").GetString());
    }
}
