using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;
using EastWestIds.TestCommon;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.Rbac;

/// <summary>
/// One permission as RBAC decides it: API group, resource, verb, the namespace it holds in (null: cluster-wide,
/// from a ClusterRole) and the one object it is narrowed to (null: any). Grants are read from a manifest, and the
/// same shape is made from the requests the test API server saw, so the two sets can be compared for equality.
/// </summary>
internal sealed record RbacGrant(string Group, string Resource, string Verb, string? Namespace, string? ResourceName)
{
    public override string ToString() => $"{(Group.Length == 0 ? "core" : Group)}/{Resource} {Verb}{(Namespace is null ? "" : $" in {Namespace}")}{(ResourceName is null ? "" : $" named {ResourceName}")}";

    /// <summary>What a request needed: list/watch narrowed by <c>fieldSelector=metadata.name=X</c> is authorised against resourceNames [X].</summary>
    public static RbacGrant Needed(ApiRequestRecord request) => new(
        request.Group,
        request.Resource,
        request.Verb,
        request.Namespace,
        request.Name ?? (request.FieldSelector is { } selector && selector.StartsWith("metadata.name=", StringComparison.Ordinal) ? selector["metadata.name=".Length..] : null));

    /// <summary>Whether this grant allows <paramref name="needed"/> (a cluster-wide grant holds in every namespace).</summary>
    public bool Allows(RbacGrant needed) =>
        Group == needed.Group && Resource == needed.Resource && Verb == needed.Verb
        && (Namespace is null || Namespace == needed.Namespace)
        && (ResourceName is null || ResourceName == needed.ResourceName);

    /// <summary>
    /// Every grant of the Roles and ClusterRoles in the manifest at <paramref name="repositoryPath"/>, after checking
    /// that each binding names the sink's ServiceAccount and a role of the same file (a RoleBinding: in its Role's namespace).
    /// </summary>
    public static HashSet<RbacGrant> Read(params string[] repositoryPath)
    {
        var objects = KubeYamlReader.ReadPath(RepositoryPaths.InRepository(repositoryPath));
        var grants = new HashSet<RbacGrant>();
        foreach (var role in objects.Where(o => KubeJson.Text(o, "kind") is "ClusterRole" or "Role"))
        {
            var scope = KubeJson.Text(role, "kind") == "Role" ? KubeJson.Namespace(role) : null;
            foreach (var rule in KubeJson.Items(role, "rules"))
            {
                var names = KubeJson.Items(rule, "resourceNames").Select(KubeJson.AsText).ToList();
                foreach (var group in KubeJson.Items(rule, "apiGroups").Select(KubeJson.AsText))
                {
                    foreach (var resource in KubeJson.Items(rule, "resources").Select(KubeJson.AsText))
                    {
                        foreach (var verb in KubeJson.Items(rule, "verbs").Select(KubeJson.AsText))
                        {
                            foreach (var name in names.Count == 0 ? [null] : names)
                            {
                                grants.Add(new RbacGrant(group!, resource!, verb!, scope, name));
                            }
                        }
                    }
                }
            }
        }

        var bindings = objects.Where(o => KubeJson.Text(o, "kind") is "ClusterRoleBinding" or "RoleBinding").ToList();
        Assert.NotEmpty(bindings);
        foreach (var binding in bindings)
        {
            var subject = KubeJson.Items(binding, "subjects").Single();
            Assert.Equal(("ServiceAccount", "ewids", "ewids-system"), (KubeJson.Text(subject, "kind"), KubeJson.Text(subject, "name"), KubeJson.Text(subject, "namespace")));
            var role = Assert.Single(objects, o => KubeJson.Text(o, "kind") == KubeJson.Text(binding, "roleRef", "kind") && KubeJson.Name(o) == KubeJson.Text(binding, "roleRef", "name"));
            if (KubeJson.Text(binding, "kind") == "RoleBinding")
            {
                Assert.Equal(KubeJson.Namespace(role), KubeJson.Namespace(binding));
            }
            else
            {
                Assert.Equal("ClusterRole", KubeJson.Text(role, "kind")); // a ClusterRoleBinding cannot bind a Role
            }
        }

        // Every role is bound: an unbound one is dead text that drifts.
        foreach (var role in objects.Where(o => KubeJson.Text(o, "kind") is "ClusterRole" or "Role"))
        {
            Assert.Contains(bindings, b => KubeJson.Text(b, "roleRef", "name") == KubeJson.Name(role) && KubeJson.Text(b, "roleRef", "kind") == KubeJson.Text(role, "kind"));
        }

        return grants;
    }

    /// <summary>Every request is allowed by some grant, and every grant allowed some request: nothing missing, nothing spare.</summary>
    public static void AssertExactly(IReadOnlyCollection<RbacGrant> granted, IReadOnlyCollection<RbacGrant> used, string what)
    {
        var denied = used.Where(u => !granted.Any(g => g.Allows(u))).Select(u => u.ToString()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var spare = granted.Where(g => !used.Any(g.Allows)).Select(g => g.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.True(denied.Length == 0 && spare.Length == 0, $"{what}\n  used but not granted: {string.Join("; ", denied)}\n  granted but not used: {string.Join("; ", spare)}");
    }

    public static void AssertSame(IEnumerable<RbacGrant> expected, IEnumerable<RbacGrant> actual, string what)
    {
        var e = expected.Select(g => g.ToString()).Order(StringComparer.Ordinal).ToArray();
        var a = actual.Select(g => g.ToString()).Order(StringComparer.Ordinal).ToArray();
        Assert.True(e.SequenceEqual(a), $"{what}\n  missing: {string.Join("; ", e.Except(a))}\n  extra:   {string.Join("; ", a.Except(e))}");
    }
}
