using System.Collections.Immutable;
using EastWestIds.Engine.Authorization;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Mesh;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Authorization;

/// <summary>
/// Loads <c>--objects</c> (Kubernetes YAML files or directories) into the policy stage's first snapshot. Read
/// errors are settings errors (exit 2), each naming the file and document; policy compile diagnostics are
/// warnings, because Istio itself would still run with such a policy.
/// </summary>
internal static class PolicyObjectsLoader
{
    /// <summary>Reads and compiles; null when a file failed (each error added to <paramref name="errors"/>).</summary>
    public static PolicySnapshotSource? Load(
        IReadOnlyList<string> paths, string rootNamespace, IReadOnlyList<string> trustDomains, string clusterDomain, Action<string> errors)
    {
        var builder = new InventoryBuilder();
        var read = new KubernetesYamlReader().Read(paths, builder);
        foreach (var error in read.Errors)
        {
            errors($"--objects: {error}");
        }

        if (!read.Succeeded)
        {
            return null;
        }

        var mesh = new MeshAuthzSettings(
            rootNamespace,
            trustDomains.Count > 0 ? trustDomains[0] : "cluster.local",
            [.. trustDomains.Skip(1)]);
        return new PolicySnapshotSource(PolicySnapshot.Compile(builder.Build(), mesh, clusterDomain));
    }

    /// <summary>The start-up line: whether the policy stage runs, and over what; then every compile diagnostic.</summary>
    public static void LogStartup(ILogger logger, PolicySnapshotSource? source)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (source is null)
        {
            logger.LogInformation("Authorization policy stage off: no --objects given, so no verdicts and no policy alerts");
            return;
        }

        var snapshot = source.Current;
        logger.LogInformation(
            "Authorization policy stage on: {Policies} AuthorizationPolicies over {Services} Services and {Pods} Pods from --objects (root namespace {RootNamespace})",
            snapshot.Policies.Policies.Length, snapshot.Inventory.Services.Length, snapshot.Inventory.Pods.Length, snapshot.Policies.Mesh.RootNamespace);
        foreach (var diagnostic in snapshot.Policies.Diagnostics)
        {
            logger.LogWarning("AuthorizationPolicy {Diagnostic}", diagnostic.ToString());
        }
    }

    /// <summary>The same start-up report as text lines, for <c>ewids scan</c> (stderr).</summary>
    public static ImmutableArray<string> Warnings(PolicySnapshotSource source)
        => [.. source.Current.Policies.Diagnostics.Select(d => $"AuthorizationPolicy {d}")];
}
