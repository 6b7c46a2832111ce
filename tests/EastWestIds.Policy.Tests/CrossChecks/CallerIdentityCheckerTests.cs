using System.Text;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.CrossChecks;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.CrossChecks;

public class CallerIdentityCheckerTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: bookinfo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: productpage, namespace: bookinfo}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: unused, namespace: bookinfo}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: productpage-1, namespace: bookinfo, labels: {app: productpage}}
        spec: {serviceAccountName: productpage}
        status: {podIP: 10.0.0.10}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: ratings-1, namespace: bookinfo, labels: {app: ratings}}
        spec: {serviceAccountName: ratings}
        status: {podIP: 10.0.0.20}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: details-1, namespace: bookinfo, labels: {app: details}}
        spec: {serviceAccountName: shared}
        status: {podIP: 10.0.0.30}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: batch, namespace: bookinfo}
        spec:
          template:
            metadata: {labels: {app: batch}}
            spec: {serviceAccountName: shared}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: agent-a, namespace: infra}
        spec: {serviceAccountName: agent, hostNetwork: true}
        status: {podIP: 192.168.1.5}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: exporter-a, namespace: infra}
        spec: {serviceAccountName: exporter, hostNetwork: true}
        status: {podIP: 192.168.1.5}
        """;

    private static readonly InventorySnapshot s_inventory = Load();

    [Theory]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/productpage", "10.0.0.10", CallerCheckOutcome.Consistent)]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/productpage", "10.0.0.20", CallerCheckOutcome.IdentityMismatch)]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/productpage", "203.0.113.9", CallerCheckOutcome.UnknownAddress)]
    [InlineData("spiffe://cluster.local/ns/nowhere/sa/productpage", "203.0.113.9", CallerCheckOutcome.UnknownNamespace)]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/ghost", "203.0.113.9", CallerCheckOutcome.UnknownServiceAccount)]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/ghost", "10.0.0.10", CallerCheckOutcome.IdentityMismatch)]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/shared", null, CallerCheckOutcome.Ambiguous)]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/productpage", null, CallerCheckOutcome.UnknownAddress)]
    [InlineData("spiffe://cluster.local/ns/infra/sa/agent", "192.168.1.5", CallerCheckOutcome.Ambiguous)]
    [InlineData("spiffe://cluster.local/workload/x", "10.0.0.10", CallerCheckOutcome.NotIstioIdentity)]
    [InlineData("spiffe://Cluster.local/ns/bookinfo/sa/productpage", "10.0.0.10", CallerCheckOutcome.NotIstioIdentity)]
    [InlineData("", "10.0.0.10", CallerCheckOutcome.NoPrincipal)]
    public void Check(string principal, string? ip, CallerCheckOutcome expected)
    {
        var result = CallerIdentityChecker.Check(s_inventory, Encoding.ASCII.GetBytes(principal), Ip(ip));

        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void Mismatch_NamesThePodThatOwnsTheAddress()
    {
        var result = CallerIdentityChecker.Check(s_inventory, "spiffe://cluster.local/ns/bookinfo/sa/productpage"u8, Ip("10.0.0.20"));

        Assert.True(result.IsMismatch);
        Assert.Equal("ratings-1", result.Pod!.Name);
    }

    [Fact]
    public void SharedServiceAccount_CountsWorkloads()
    {
        var result = CallerIdentityChecker.Check(s_inventory, "spiffe://cluster.local/ns/bookinfo/sa/shared"u8, Ip("10.0.0.30"));

        Assert.Equal(CallerCheckOutcome.Consistent, result.Outcome); // the address pins the pod
        Assert.Equal(2, result.WorkloadsRunningAs);
    }

    [Theory]
    [InlineData("", "10.0.0.1", "10.0.0.1", false)]
    [InlineData("203.0.113.7", "10.0.0.1", "203.0.113.7", true)]
    [InlineData("198.51.100.1, 10.0.0.20", "10.0.0.1", "10.0.0.20", true)]
    [InlineData("garbage", "10.0.0.1", "10.0.0.1", false)]
    public void CallerAddress_LastForwardedForElsePeer(string xff, string peer, string expected, bool fromHeader)
    {
        var ip = CallerAddress.Select(Encoding.ASCII.GetBytes(xff), Ip(peer), out bool fromForwardedFor);

        Assert.Equal(Ip(expected), ip);
        Assert.Equal(fromHeader, fromForwardedFor);
    }

    [Fact]
    public void Check_AllocatesNothing()
    {
        var principal = "spiffe://cluster.local/ns/bookinfo/sa/productpage"u8.ToArray();
        var ip = Ip("10.0.0.20");
        int mismatches = 0;
        for (int i = 0; i < 100; i++)
        {
            mismatches += CallerIdentityChecker.Check(s_inventory, principal, ip).IsMismatch ? 1 : 0;
        }

        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            mismatches = 0;
            for (int i = 0; i < 1000; i++)
            {
                mismatches += CallerIdentityChecker.Check(s_inventory, principal, ip).IsMismatch ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000, mismatches);
    }

    private static IpKey Ip(string? text) => text is null ? IpKey.None : IpKey.TryParse(text, out var ip) ? ip : throw new FormatException(text);

    private static InventorySnapshot Load()
    {
        var builder = new InventoryBuilder();
        var read = new KubernetesYamlReader().ReadText(Mesh, "mesh.yaml", builder);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        return builder.Build();
    }
}
