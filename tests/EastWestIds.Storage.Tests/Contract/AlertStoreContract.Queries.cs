using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

public abstract partial class AlertStoreContract
{
    private static readonly string CallerA = "spiffe://cluster.local/ns/default/sa/a";
    private static readonly string CallerB = "spiffe://cluster.local/ns/shop/sb/b";

    /// <summary>Twelve alerts with every filterable field varied, one minute apart.</summary>
    private static AlertRecord[] Varied()
    {
        var alerts = new List<AlertRecord>();
        for (var i = 0; i < 12; i++)
        {
            alerts.Add(TestAlerts.Make(
                sid: 100 + (i % 3),
                at: TestAlerts.BaseTime.AddMinutes(i),
                caller: i % 2 == 0 ? CallerA : CallerB,
                callee: i % 4 < 2 ? "reviews" : "ratings",
                severity: (Severity)(1 + (i % 4)),
                category: i % 3 == 0 ? "SQL Injection" : "Cross Site Scripting",
                verdict: (AlertVerdict)(i % 6),
                family: i % 5 == 0 ? FindingFamily.Identity : FindingFamily.Attack) with { Outcome = (AlertOutcome)(i % 6) });
        }

        return [.. alerts];
    }

    public static TheoryData<string> FilterNames => new()
    {
        "from", "to", "range", "severity", "category", "family", "sid", "caller", "callee", "verdict", "triage", "outcome", "combined", "empty-list",
    };

    private static (AlertFilter Filter, Func<AlertRecord, bool> Expected) FilterCase(string name) => name switch
    {
        "from" => (new AlertFilter { From = TestAlerts.BaseTime.AddMinutes(5) }, a => a.Timestamp >= TestAlerts.BaseTime.AddMinutes(5)),
        "to" => (new AlertFilter { To = TestAlerts.BaseTime.AddMinutes(5) }, a => a.Timestamp < TestAlerts.BaseTime.AddMinutes(5)),
        "range" => (new AlertFilter { From = TestAlerts.BaseTime.AddMinutes(2), To = TestAlerts.BaseTime.AddMinutes(7) },
            a => a.Timestamp >= TestAlerts.BaseTime.AddMinutes(2) && a.Timestamp < TestAlerts.BaseTime.AddMinutes(7)),
        "severity" => (new AlertFilter { Severities = [Severity.High, Severity.Low] }, a => a.Severity is Severity.High or Severity.Low),
        "category" => (new AlertFilter { Categories = ["SQL Injection"] }, a => a.Category == "SQL Injection"),
        "family" => (new AlertFilter { Families = [FindingFamily.Identity] }, a => a.Family == FindingFamily.Identity),
        "sid" => (new AlertFilter { Sids = [101] }, a => a.Sid == 101),
        "caller" => (new AlertFilter { Caller = CallerB }, a => a.Caller.Principal == CallerB),
        "callee" => (new AlertFilter { Callee = "ratings" }, a => a.Callee.Service == "ratings"),
        "verdict" => (new AlertFilter { Verdicts = [AlertVerdict.Denied, AlertVerdict.WouldDeny] }, a => a.Policy.Verdict is AlertVerdict.Denied or AlertVerdict.WouldDeny),
        "triage" => (new AlertFilter { TriageStates = [TriageState.New] }, a => a.Triage.State == TriageState.New),
        "outcome" => (new AlertFilter { Outcomes = [AlertOutcome.Blocked, AlertOutcome.WouldBlock] }, a => a.Outcome is AlertOutcome.Blocked or AlertOutcome.WouldBlock),
        "combined" => (new AlertFilter { Caller = CallerA, Callee = "reviews", Severities = [Severity.High, Severity.Low, Severity.Medium, Severity.Info], From = TestAlerts.BaseTime.AddMinutes(1) },
            a => a.Caller.Principal == CallerA && a.Callee.Service == "reviews" && a.Timestamp >= TestAlerts.BaseTime.AddMinutes(1)),
        "empty-list" => (new AlertFilter { Sids = [] }, _ => false),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(FilterNames))]
    public async Task ListAlerts_Filter_ReturnsExactlyTheMatchingAlertsNewestFirst(string name)
    {
        var (store, _) = await NewStoreAsync();
        var alerts = Varied();
        await WriteAsync(store, alerts);
        var (filter, expected) = FilterCase(name);

        var page = await store.ListAlertsAsync(filter, 100);
        var count = await store.CountAlertsAsync(filter);

        var want = alerts.Where(expected).OrderByDescending(a => a.Timestamp).Select(a => (a.Sid, a.Timestamp)).ToList();
        Assert.Equal(want, page.Alerts.Select(a => (a.Sid, a.Timestamp)).ToList());
        Assert.Equal(want.Count, count);
        Assert.Null(page.NextCursor);
        if (name != "empty-list")
        {
            Assert.NotEmpty(want); // the case tests something
            Assert.True(want.Count < alerts.Length || name == "triage", "a filter that matches everything tests nothing");
        }
    }

    [Fact]
    public async Task ListAlerts_Pages_CoverEverythingOnceInOrder()
    {
        var (store, _) = await NewStoreAsync();
        // Several alerts share a timestamp: the id breaks the tie, so pages split inside a timestamp correctly.
        var alerts = Enumerable.Range(0, 53).Select(i => TestAlerts.Make(sid: i, at: TestAlerts.BaseTime.AddSeconds(i / 4))).ToArray();
        await WriteAsync(store, alerts);

        var seen = new List<AlertRecord>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListAlertsAsync(AlertFilter.All, 5, cursor);
            seen.AddRange(page.Alerts);
            cursor = page.NextCursor;
            pages++;
            Assert.True(page.Alerts.Count == 5 || cursor is null);
        }
        while (cursor is not null);

        Assert.Equal(11, pages);
        Assert.Equal(53, seen.Select(a => a.Id).Distinct().Count());
        var ordered = seen.OrderByDescending(a => a.Timestamp).ThenByDescending(a => a.Id).Select(a => a.Id);
        Assert.Equal(ordered, seen.Select(a => a.Id));
    }

    [Fact]
    public async Task ListAlerts_ConcurrentInserts_NoDuplicatesAndNoExistingAlertSkipped()
    {
        var (store, _) = await NewStoreAsync();
        var existing = Enumerable.Range(0, 300).Select(i => TestAlerts.Make(sid: i, at: TestAlerts.BaseTime.AddSeconds(i))).ToArray();
        await WriteAsync(store, existing);
        var existingIds = (await AllAsync(store)).Select(a => a.Id).ToHashSet();

        using var stop = new CancellationTokenSource();
        // Meanwhile: inserts newer than everything, older than everything and in the middle of the range being paged.
        var writer = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested && n < 400)
            {
                var offset = (n % 3) switch { 0 => 10_000, 1 => -10_000, _ => 150 };
                await WriteAsync(store, TestAlerts.Make(sid: 50_000 + n, at: TestAlerts.BaseTime.AddSeconds(offset + (n % 7))));
                n++;
            }
        });

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await store.ListAlertsAsync(AlertFilter.All, 7, cursor);
            seen.AddRange(page.Alerts.Select(a => a.Id));
            cursor = page.NextCursor;
            await Task.Yield();
        }
        while (cursor is not null);

        await stop.CancelAsync();
        await writer;

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(existingIds.Except(seen));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAA")] // right shape, id 0
    public async Task ListAlerts_MalformedCursor_ArgumentException(string cursor)
    {
        var (store, _) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAlertsAsync(AlertFilter.All, 10, cursor));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ListAlerts_PageSizeOutOfRange_Throws(int limit)
    {
        var (store, _) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAlertsAsync(AlertFilter.All, limit));
    }

    [Fact]
    public async Task ListAlerts_TooManyFilterValues_ArgumentException()
    {
        var (store, _) = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAlertsAsync(new AlertFilter { Sids = Enumerable.Range(0, 101).ToArray() }, 10));
    }

    [Fact]
    public async Task ListAlerts_SqlInFilterValues_IsJustText()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, Varied());

        var page = await store.ListAlertsAsync(new AlertFilter { Caller = "x' OR '1'='1", Categories = ["a'); DROP TABLE alerts; --"] }, 10);

        Assert.Empty(page.Alerts);
        Assert.Equal(12, await store.CountAlertsAsync(AlertFilter.All));
    }
}
