namespace EastWestIds.Storage.Model;

/// <summary>
/// What the policy stage said about the call an alert belongs to. Stored as text (<see cref="ModelText"/>) so
/// the column reads the same in both databases and survives a reordering of this enum.
/// </summary>
public enum AlertVerdict : byte
{
    /// <summary>No policy judged the call (signature-only alert, or no policy configured).</summary>
    None,

    /// <summary>An ALLOW policy, allowlist or baseline allowed the call.</summary>
    Allowed,

    /// <summary>An enforced policy denies the call (the destination's sidecar will refuse it).</summary>
    Denied,

    /// <summary>A policy the mesh does not enforce (dry-run or file only) would deny the call.</summary>
    WouldDeny,

    /// <summary>A CUSTOM (ext-authz) policy decides; the sink cannot know the answer.</summary>
    ExtAuthz,

    /// <summary>The destination has no policy at all: everything is allowed.</summary>
    Unprotected,
}
