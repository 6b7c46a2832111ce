using System.Text;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

public abstract partial class AlertStoreContract
{
    [Fact]
    public async Task SetTriage_Changes_StateAndAppendsAuditInOrder()
    {
        var time = new ManualTime(TestAlerts.BaseTime);
        var (store, _) = await NewStoreAsync(time);
        await WriteAsync(store, TestAlerts.Make(sid: 1), TestAlerts.Make(sid: 2));
        var id = (await AllAsync(store)).Single(a => a.Sid == 1).Id;

        time.Now = TestAlerts.BaseTime.AddMinutes(1);
        var acknowledged = await store.SetTriageAsync(id, new TriageChange(TriageState.Acknowledged, "alice", "looking"));
        time.Now = TestAlerts.BaseTime.AddMinutes(2);
        var fp = await store.SetTriageAsync(id, new TriageChange(TriageState.FalsePositive, "bob", "health checker"));

        Assert.Equal(new TriageInfo(TriageState.Acknowledged, "looking", "alice", TestAlerts.BaseTime.AddMinutes(1)), acknowledged!.Triage);
        Assert.Equal(new TriageInfo(TriageState.FalsePositive, "health checker", "bob", TestAlerts.BaseTime.AddMinutes(2)), fp!.Triage);
        Assert.Equal(fp.Triage, (await store.GetAlertAsync(id))!.Triage);

        var audit = await store.ListAuditAsync(id, 10);
        Assert.Equal(2, audit.Count);
        Assert.Equal(("bob", "triage", TriageState.Acknowledged, TriageState.FalsePositive, "health checker"),
            (audit[0].Actor, audit[0].Action, audit[0].FromState!.Value, audit[0].ToState!.Value, audit[0].Comment));
        Assert.Equal(("alice", TriageState.New, TriageState.Acknowledged), (audit[1].Actor, audit[1].FromState!.Value, audit[1].ToState!.Value));
        Assert.Equal(TestAlerts.BaseTime.AddMinutes(1), audit[1].At);
        Assert.All(audit, e => Assert.Equal(id, e.AlertId));

        var other = (await AllAsync(store)).Single(a => a.Sid == 2);
        Assert.Equal(TriageState.New, other.Triage.State);
        Assert.Single(await store.ListAlertsAsync(new AlertFilter { TriageStates = [TriageState.FalsePositive] }, 10) is { } p ? p.Alerts : []);
    }

    [Fact]
    public async Task SetTriage_UnknownAlert_NullAndNoAudit()
    {
        var (store, _) = await NewStoreAsync();

        Assert.Null(await store.SetTriageAsync(424242, new TriageChange(TriageState.Resolved, "alice")));
        Assert.Empty(await store.ListAuditAsync(null, 10));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SetTriage_NoActor_ArgumentException(string actor)
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make());
        var id = (await AllAsync(store)).Single().Id;

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetTriageAsync(id, new TriageChange(TriageState.Resolved, actor)));
        Assert.Equal(TriageState.New, (await store.GetAlertAsync(id))!.Triage.State);
    }

    [Fact]
    public async Task ListAudit_AllAlertsPaged_NewestFirst()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make(sid: 1), TestAlerts.Make(sid: 2));
        var ids = (await AllAsync(store)).Select(a => a.Id).ToArray();
        foreach (var state in (TriageState[])[TriageState.Acknowledged, TriageState.Resolved])
        {
            foreach (var id in ids)
            {
                await store.SetTriageAsync(id, new TriageChange(state, "carol"));
            }
        }

        var first = await store.ListAuditAsync(null, 3);
        var rest = await store.ListAuditAsync(null, 3, first[^1].Id);

        Assert.Equal(3, first.Count);
        Assert.Single(rest);
        var all = first.Concat(rest).Select(e => e.Id).ToList();
        Assert.Equal(all.OrderByDescending(i => i), all);
    }

    [Fact]
    public async Task Audit_OutlivesAlertRemovedByRetention()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make());
        var id = (await AllAsync(store)).Single().Id;
        await store.SetTriageAsync(id, new TriageChange(TriageState.Resolved, "dave"));

        await store.RunRetentionAsync(new RetentionOptions { MaxAge = TimeSpan.FromDays(1), MaxAlerts = null }, TestAlerts.BaseTime.AddDays(2));

        Assert.Null(await store.GetAlertAsync(id));
        Assert.Single(await store.ListAuditAsync(id, 10));
    }

    [Fact]
    public async Task Suppression_FromAlert_SuppressesOnlyThatSidCallerCallee()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make(sid: 7, caller: "spiffe://c/ns/a/sa/x", callee: "svc-b"));
        var alert = (await AllAsync(store)).Single();

        Assert.False(store.IsSuppressed(7, "spiffe://c/ns/a/sa/x", "svc-b"));
        var suppression = await store.CreateSuppressionFromAlertAsync(alert.Id, "erin", "known scanner");

        Assert.NotNull(suppression);
        // Keyed by the Service: "svc-b" from a caller in namespace a is svc-b.a.
        Assert.Equal((7, "spiffe://c/ns/a/sa/x", "svc-b.a", "erin", "known scanner", (long?)alert.Id),
            (suppression.Sid, suppression.Caller, suppression.Callee, suppression.CreatedBy, suppression.Comment, suppression.FromAlertId));
        Assert.True(store.IsSuppressed(7, "spiffe://c/ns/a/sa/x", "svc-b"));
        Assert.True(store.IsSuppressed(7, "spiffe://c/ns/a/sa/x"u8, "svc-b"u8));
        Assert.False(store.IsSuppressed(8, "spiffe://c/ns/a/sa/x", "svc-b"));
        Assert.False(store.IsSuppressed(7, "spiffe://c/ns/a/sa/y", "svc-b"));
        Assert.False(store.IsSuppressed(7, "spiffe://c/ns/a/sa/x"u8, "svc-c"u8));
        Assert.Null(await store.CreateSuppressionFromAlertAsync(alert.Id + 99, "erin"));

        var audit = await store.ListAuditAsync(null, 10);
        Assert.Equal(("suppress", (long?)suppression.Id, (long?)alert.Id), (audit[0].Action, audit[0].SuppressionId, audit[0].AlertId));
    }

    [Fact]
    public async Task Suppression_CreatedTwice_SameOneAndOneAudit()
    {
        var (store, _) = await NewStoreAsync();

        var first = await store.CreateSuppressionAsync(new SuppressionRequest(5, "spiffe://c/ns/a/sa/x", "svc", "frank"));
        var again = await store.CreateSuppressionAsync(new SuppressionRequest(5, "spiffe://c/ns/a/sa/x", "svc", "grace"));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("frank", again.CreatedBy);
        Assert.Single(await store.ListSuppressionsAsync());
        Assert.Single(await store.ListAuditAsync(null, 10));
    }

    [Fact]
    public async Task Suppression_Delete_StopsSuppressingAndAudits()
    {
        var (store, _) = await NewStoreAsync();
        var s = await store.CreateSuppressionAsync(new SuppressionRequest(5, "", "svc", "heidi"));
        Assert.True(store.IsSuppressed(5, "", "svc"));

        Assert.True(await store.DeleteSuppressionAsync(s.Id, "ivan"));
        Assert.False(await store.DeleteSuppressionAsync(s.Id, "ivan"));

        Assert.False(store.IsSuppressed(5, "", "svc"));
        Assert.Empty(await store.ListSuppressionsAsync());
        var audit = await store.ListAuditAsync(null, 10);
        Assert.Equal(("unsuppress", "ivan", (long?)s.Id), (audit[0].Action, audit[0].Actor, audit[0].SuppressionId));
    }

    [Fact]
    public async Task Suppression_MadeByAnotherReplica_SeenAfterRefresh()
    {
        var (first, location) = await NewStoreAsync();
        var second = Own(Open(location));
        await second.InitializeAsync();

        await first.CreateSuppressionAsync(new SuppressionRequest(9, "spiffe://c/ns/a/sa/x", "svc", "judy"));

        Assert.False(second.IsSuppressed(9, "spiffe://c/ns/a/sa/x", "svc"));
        await second.RefreshSuppressionsAsync();
        Assert.True(second.IsSuppressed(9, "spiffe://c/ns/a/sa/x", "svc"));
    }

    [Fact]
    public async Task Suppression_Hits_CountedAndWrittenByTheWriter()
    {
        var (store, _) = await NewStoreAsync();
        var s = await store.CreateSuppressionAsync(new SuppressionRequest(11, "spiffe://c/ns/a/sa/é", "svc", "kim"));
        await using var writer = new EastWestIds.Storage.Writing.AlertStoreWriter(store, new EastWestIds.Storage.Writing.StoreWriterOptions { SuppressionHitFlushInterval = TimeSpan.FromMilliseconds(20) });
        writer.Start();

        for (var i = 0; i < 3; i++)
        {
            Assert.True(store.IsSuppressed(11, Encoding.UTF8.GetBytes("spiffe://c/ns/a/sa/é"), "svc"u8));
        }

        Assert.True(store.IsSuppressed(11, "spiffe://c/ns/a/sa/é", "svc"));
        await Wait.UntilAsync(async () => (await store.ListSuppressionsAsync()).Single().Hits == 4, "4 hits stored");
        Assert.NotNull((await store.ListSuppressionsAsync()).Single(x => x.Id == s.Id).LastHit);
    }
}
