using System.Net;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Findings;
using EastWestIds.Host.Authorization;
using EastWestIds.Host.Proxy;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// What <c>ewids proxy --mode enforce</c> blocks of the policy family. The verdicts the mesh itself enforces (denied,
/// a denied path behind path parameters) are high and block by default; a dry-run policy's would-deny and a new edge
/// are what an operator is still trying out, blocked only with <c>--block-families policy</c>. The verdicts were filed
/// under the access family until rev 2, so that option matched none of them.
/// </summary>
public sealed class ProxyPolicyFamilyTests
{
    // bookinfo's details-trial is a dry-run DENY of every caller of details but productpage.
    private const string TesterXfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI=spiffe://cluster.local/ns/other/sa/tester";

    public static TheoryData<int> PolicyVerdicts => [9300010, 9300011, 9300012, 9300013, 9300014, 9300020, 9300021];

    [Theory]
    [MemberData(nameof(PolicyVerdicts))]
    public void PolicyVerdicts_AreOfThePolicyFamily(int sid)
    {
        var signature = BuiltInSignatures.All.Single(s => s.Sid == sid);

        Assert.Equal(FindingFamily.Policy, signature.Family);
        Assert.StartsWith("EWIDS policy: ", signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRule_BlocksWhatTheMeshEnforces_NotWhatIsOnTrial()
    {
        Assert.True(BlockRule.Default.Blocks(BuiltInSignatures.PolicyDenied));
        Assert.True(BlockRule.Default.Blocks(BuiltInSignatures.PolicyDeniedBehindPathParameters));
        Assert.False(BlockRule.Default.Blocks(BuiltInSignatures.PolicyWouldDeny));
        Assert.False(BlockRule.Default.Blocks(BuiltInSignatures.NewEdge));

        var policyFamily = BlockRule.Default with { Families = new HashSet<FindingFamily> { FindingFamily.Policy } };
        Assert.True(policyFamily.Blocks(BuiltInSignatures.PolicyWouldDeny));
        Assert.True(policyFamily.Blocks(BuiltInSignatures.NewEdge));
        Assert.False(policyFamily.Blocks(BuiltInSignatures.CalleeUnknown)); // access, low
        Assert.True(policyFamily.BlocksAny([new Finding(BuiltInSignatures.CalleeUnknown, null), new Finding(BuiltInSignatures.PolicyWouldDeny, null)]));
    }

    [Fact]
    public async Task Enforce_DryRunWouldDeny_IsForwardedByDefault()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream, families: []);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Request());

        Assert.True(response.StatusCode == HttpStatusCode.OK, string.Join("\n", proxy.Alerts.Lines));
        Assert.Single(upstream.Received);
        var wouldDeny = Assert.Single(proxy.Alerts.Alerts(9300011));
        Assert.Equal("allowed", wouldDeny.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal("bookinfo/details-trial", wouldDeny.GetProperty("mesh").GetProperty("policy").GetProperty("policy").GetString());
    }

    [Fact]
    public async Task Enforce_WithBlockFamiliesPolicy_BlocksTheDryRunWouldDeny()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream, families: [FindingFamily.Policy]);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Request());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Received);
        var wouldDeny = Assert.Single(proxy.Alerts.Alerts(9300011));
        Assert.Equal("blocked", wouldDeny.GetProperty("alert").GetProperty("action").GetString());
        Assert.Contains("\"family\":\"policy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<ProxyServer> StartAsync(RecordingUpstream upstream, HashSet<FindingFamily> families)
    {
        var policies = PolicyObjectsLoader.Load(
            [RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml")],
            "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        return ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            BlockRule = new BlockRule(Severity.High, families),
            Inspection = o.Inspection with { Policies = policies },
        });
    }

    private static HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/details/1");
        request.Headers.Host = "details.bookinfo.svc.cluster.local:9080";
        request.Headers.Add("x-forwarded-client-cert", TesterXfcc);
        return request;
    }
}
