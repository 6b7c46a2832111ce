using System.Text;
using System.Text.Json;
using EastWestIds.Storage.Export;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

public abstract partial class AlertStoreContract
{
    [Fact]
    public async Task ExportEve_FilteredAlerts_OneStoredLineEachNewestFirst()
    {
        var (store, _) = await NewStoreAsync();
        var alerts = Enumerable.Range(0, 40).Select(i => TestAlerts.Make(sid: i, at: TestAlerts.BaseTime.AddSeconds(i), callee: i % 2 == 0 ? "even" : "odd")).ToList();
        alerts.Add(TestAlerts.Make(sid: 1000, at: TestAlerts.BaseTime.AddHours(1), callee: "even") with { EveJson = null });
        await WriteAsync(store, [.. alerts]);
        using var output = new MemoryStream();

        var count = await AlertExport.WriteEveLinesAsync(store.ExportAsync(new AlertFilter { Callee = "even" }), output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(21, count);
        Assert.Equal(21, lines.Length);
        var sids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("alert").GetProperty("signature_id").GetInt32()).ToList();
        Assert.Equal([1000, .. Enumerable.Range(0, 40).Where(i => i % 2 == 0).Reverse()], sids);
        Assert.Equal(alerts[38].EveJson, lines[1]);
        Assert.Equal("alert", JsonDocument.Parse(lines[0]).RootElement.GetProperty("event_type").GetString());
    }

    [Fact]
    public async Task ExportCsv_QuotesFieldsAndDisarmsFormulas()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store,
            TestAlerts.Make(sid: 1, path: "/a,\"b\"\nc"),
            TestAlerts.Make(sid: 2, path: "=HYPERLINK(\"http://evil\")", at: TestAlerts.BaseTime.AddSeconds(1)));
        using var output = new MemoryStream();

        var count = await AlertExport.WriteCsvAsync(store.ExportAsync(AlertFilter.All), output);

        var text = Encoding.UTF8.GetString(output.ToArray());
        var rows = CsvReader.Parse(text);
        Assert.Equal(2, count);
        Assert.Equal(3, rows.Count);
        Assert.Equal(AlertExport.CsvColumns, rows[0]);
        var path = Array.IndexOf(AlertExport.CsvColumns, "path");
        Assert.Equal("'=HYPERLINK(\"http://evil\")", rows[1][path]);
        Assert.Equal("/a,\"b\"\nc", rows[2][path]);
        Assert.All(rows, r => Assert.Equal(AlertExport.CsvColumns.Length, r.Length));
    }
}
