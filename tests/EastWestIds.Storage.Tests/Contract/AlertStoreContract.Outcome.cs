using System.Text;
using EastWestIds.Storage.Export;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>The inline proxy's outcome (<see cref="AlertRecord.Outcome"/>) as both backends keep it.</summary>
public abstract partial class AlertStoreContract
{
    [Fact]
    public async Task Write_EveryOutcome_ReadsBackTheSame()
    {
        var (store, location) = await NewStoreAsync();
        var outcomes = Enum.GetValues<AlertOutcome>();
        await WriteAsync(store, [.. outcomes.Select((o, i) => TestAlerts.Make(sid: i + 1, at: TestAlerts.BaseTime.AddSeconds(i)) with { Outcome = o })]);

        var stored = (await AllAsync(store)).OrderBy(a => a.Sid).ToList();

        Assert.Equal(outcomes, stored.Select(a => a.Outcome));
        Assert.Equal(AlertOutcome.Blocked, (await store.GetAlertAsync(stored[(int)AlertOutcome.Blocked].Id))!.Outcome);
        // Stored as the same words the API and the EVE line use, not as an enum number.
        Assert.Equal(1, await ScalarAsync(location, "SELECT COUNT(*) FROM alerts WHERE outcome = 'would-block'"));
    }

    [Fact]
    public async Task ExportCsv_HasTheOutcomeColumn()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make() with { Outcome = AlertOutcome.WouldBlock });
        using var output = new MemoryStream();

        await AlertExport.WriteCsvAsync(store.ExportAsync(AlertFilter.All), output);

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal("would-block", rows[1][Array.IndexOf(AlertExport.CsvColumns, "outcome")]);
    }

    [Theory]
    [InlineData("none", AlertOutcome.None)]
    [InlineData("allowed", AlertOutcome.Allowed)]
    [InlineData("blocked", AlertOutcome.Blocked)]
    [InlineData("would-block", AlertOutcome.WouldBlock)]
    [InlineData("failed-open", AlertOutcome.FailedOpen)]
    [InlineData("failed-closed", AlertOutcome.FailedClosed)]
    public void OutcomeText_RoundTrips(string text, AlertOutcome outcome)
    {
        Assert.Equal(text, outcome.Label());
        Assert.True(ModelText.TryParseOutcome(text, out var parsed));
        Assert.Equal(outcome, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Blocked")]
    [InlineData("would_block")]
    public void OutcomeText_Unknown_IsRefused(string? text) => Assert.False(ModelText.TryParseOutcome(text, out _));
}
