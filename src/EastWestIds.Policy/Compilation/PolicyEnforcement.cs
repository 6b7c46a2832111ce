namespace EastWestIds.Policy.Compilation;

/// <summary>Whether the mesh enforces a policy.</summary>
public enum PolicyEnforcement
{
    /// <summary>In the cluster and enforced.</summary>
    Enforced,

    /// <summary>In the cluster with <c>istio.io/dry-run: "true"</c>: evaluated by Envoy's shadow engine, never enforced.</summary>
    DryRun,

    /// <summary>Only in files given to the IDS: not in the cluster at all.</summary>
    FileOnly,
}
