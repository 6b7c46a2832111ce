using System.Collections.Immutable;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;

namespace EastWestIds.Inventory.Tests.Snapshot;

public class InventorySnapshotTests
{
    private static readonly LabelSet s_reviews = LabelSet.From([new("app", "reviews")]);

    [Theory]
    [InlineData("reviews", "bookinfo", true)]
    [InlineData("reviews:9080", "bookinfo", true)]
    [InlineData("reviews", "other", false)]          // a short name resolves in the caller's namespace only
    [InlineData("reviews.bookinfo", "other", true)]
    [InlineData("Reviews.BookInfo.svc", "", true)]
    [InlineData("reviews.bookinfo.svc.cluster.local:9080", "", true)]
    [InlineData("reviews.bookinfo.svc.cluster.local.", "", true)]
    [InlineData("reviews.bookinfo.svc.other.domain", "", false)]
    [InlineData("reviews.bookinfo.example.com", "", false)]
    [InlineData("reviews:99999", "bookinfo", false)]
    [InlineData("10.0.0.1", "bookinfo", false)]
    public void TryResolveHost_KubernetesNameForms(string host, string callerNamespace, bool found)
    {
        var snapshot = Build();

        bool ok = snapshot.TryResolveHost(host, callerNamespace, "cluster.local", out var service, out _);

        Assert.Equal(found, ok);
        if (found)
        {
            Assert.Equal("reviews", service!.Name);
        }
    }

    [Fact]
    public void WorkloadsBehind_GroupsPodsByControllerAndAddsTemplatesWithoutPods()
    {
        var snapshot = Build();
        var service = snapshot.Services[0];

        var workloads = snapshot.WorkloadsBehind(service);

        Assert.Equal(["Pod/debug", "Deployment/reviews-v1", "Deployment/reviews-v2"], workloads.Select(w => w.Name));
        Assert.Equal(2, workloads[1].Pods.Length);
        Assert.Empty(workloads[2].Pods);
        Assert.Equal("reviews-v2", workloads[2].ServiceAccount);
    }

    [Fact]
    public void PodsByIp_FoldsIpv4MappedIpv6()
    {
        var snapshot = Build();

        Assert.True(IpKey.TryParse("::ffff:10.0.0.1", out var mapped));

        Assert.Equal("reviews-v1-abc-1", Assert.Single(snapshot.PodsByIp(mapped)).Name);
        Assert.True(IpKey.TryParse("10.0.0.99", out var unknown));
        Assert.Empty(snapshot.PodsByIp(unknown));
    }

    [Fact]
    public void Builder_SameObjectTwice_LaterWinsAndIsCounted()
    {
        var builder = new InventoryBuilder()
            .Add(new ServiceAccountInfo("a", "x"))
            .Add(new NamespaceInfo("a", LabelSet.Empty))
            .Add(new NamespaceInfo("a", LabelSet.From([new("team", "blue")])));

        var snapshot = builder.Build();

        Assert.Equal(1, builder.ReplacedCount);
        Assert.Equal("blue", snapshot.FindNamespace("a")!.Labels["team"]);
        Assert.False(snapshot.HasServiceAccount("a", "y"));
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("010.0.0.1", false)]
    [InlineData("10.0.0", false)]
    [InlineData("10.0.0.256", false)]
    [InlineData("[fd00::1]", true)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("", false)]
    [InlineData("not-an-ip", false)]
    public void IpKey_TryParse(string text, bool valid)
    {
        Assert.Equal(valid, IpKey.TryParse(text, out var ip));
        Assert.Equal(valid, ip.HasValue);
    }

    private static InventorySnapshot Build()
    {
        static PodInfo Pod(string name, string ip, OwnerRef? owner) =>
            new("bookinfo", name, s_reviews, "reviews", [IpKey.TryParse(ip, out var key) ? key : default], [new ContainerPortInfo("http", 9080)], owner);

        return new InventoryBuilder()
            .Add(new ServiceInfo("bookinfo", "reviews", s_reviews, [new ServicePortInfo("http", 9080, TargetPort.FromName("http"))]))
            .Add(new WorkloadTemplateInfo("Deployment", "bookinfo", "reviews-v1", s_reviews, "reviews", []))
            .Add(new WorkloadTemplateInfo("Deployment", "bookinfo", "reviews-v2", s_reviews, "reviews-v2", []))
            .Add(new WorkloadTemplateInfo("Deployment", "bookinfo", "ratings", LabelSet.From([new("app", "ratings")]), "ratings", []))
            .Add(Pod("reviews-v1-abc-1", "10.0.0.1", new OwnerRef("ReplicaSet", "reviews-v1-abc")))
            .Add(Pod("reviews-v1-abc-2", "10.0.0.2", new OwnerRef("ReplicaSet", "reviews-v1-abc")))
            .Add(Pod("debug", "10.0.0.3", null))
            .Add(new PodInfo("other", "reviews-x", s_reviews, "x", [], ImmutableArray<ContainerPortInfo>.Empty))
            .Build();
    }
}
