using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;
using EastWestIds.Kubernetes.Tests.Mirrors;
using EastWestIds.TestCommon;

namespace EastWestIds.Kubernetes.Tests;

/// <summary>
/// istio/optional/mirror-manager-rbac.yaml grants exactly what <c>ewids mirror</c> calls: every command path is run
/// against the test API server, and the (group, resource, verb, namespace scope) it used must equal the rules.
/// A new call without a rule would fail in a cluster with 403; a rule without a call is privilege nobody needs.
/// </summary>
public sealed class MirrorRbacTests
{
    [Fact]
    public async Task RbacRules_AreExactlyTheCallsMirrorManagementMakes()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        var manager = scenario.Manager();
        Expect.Outcome(Kubernetes.Mirrors.MirrorOutcome.Changed, await manager.AddAsync(MirrorScenario.Reviews, 10, default)); // update
        Expect.Outcome(Kubernetes.Mirrors.MirrorOutcome.Changed, await manager.RemoveAsync(MirrorScenario.Reviews, default)); // update
        scenario.Store.Seed(TestObjects.Service("ratings"));
        var ratings = new ServiceHost("ratings", "default");
        Expect.Outcome(Kubernetes.Mirrors.MirrorOutcome.Changed, await manager.AddAsync(ratings, 10, default)); // create
        await manager.ListAsync(null, default);
        await manager.ListAsync("default", default);
        Expect.Outcome(Kubernetes.Mirrors.MirrorOutcome.Changed, await manager.RemoveAsync(ratings, default)); // delete

        var used = scenario.Server.Requests
            .Select(r => (r.Group, r.Resource, r.Verb, Scope: r.Resource == "deployments" ? r.Namespace : null))
            .ToHashSet();
        var granted = Granted();

        Assert.Equal(granted.OrderBy(g => g.ToString()), used.OrderBy(u => u.ToString()));
    }

    private static HashSet<(string Group, string Resource, string Verb, string? Scope)> Granted()
    {
        var objects = KubeYamlReader.ReadPath(RepositoryPaths.InRepository("istio", "optional", "mirror-manager-rbac.yaml"));
        var granted = new HashSet<(string, string, string, string?)>();
        foreach (var role in objects.Where(o => KubeJson.Text(o, "kind") is "ClusterRole" or "Role"))
        {
            var scope = KubeJson.Text(role, "kind") == "Role" ? KubeJson.Namespace(role) : null;
            foreach (var rule in KubeJson.Items(role, "rules"))
            {
                foreach (var group in KubeJson.Items(rule, "apiGroups").Select(KubeJson.AsText))
                {
                    foreach (var resource in KubeJson.Items(rule, "resources").Select(KubeJson.AsText))
                    {
                        foreach (var verb in KubeJson.Items(rule, "verbs").Select(KubeJson.AsText))
                        {
                            granted.Add((group!, resource!, verb!, scope));
                        }
                    }
                }
            }
        }

        // Each Role is bound to the ServiceAccount that runs the sink.
        foreach (var binding in objects.Where(o => KubeJson.Text(o, "kind") is "ClusterRoleBinding" or "RoleBinding"))
        {
            var subject = KubeJson.Items(binding, "subjects").Single();
            Assert.Equal(("ServiceAccount", "ewids", "ewids-system"), (KubeJson.Text(subject, "kind"), KubeJson.Text(subject, "name"), KubeJson.Text(subject, "namespace")));
            Assert.Contains(objects, o => KubeJson.Text(o, "kind") == KubeJson.Text(binding, "roleRef", "kind") && KubeJson.Name(o) == KubeJson.Text(binding, "roleRef", "name"));
        }

        return granted;
    }
}
