namespace EastWestIds.Policy.Evaluation;

/// <summary>What the destination's sidecar makes of a request (issue 4 "Verdicts and findings").</summary>
public enum VerdictKind
{
    /// <summary>No policy protects the destination: the mesh allows everything.</summary>
    Unprotected,

    /// <summary>Enforced policies allow it (an ALLOW rule matched, or only DENY policies exist and none matched).</summary>
    Allowed,

    /// <summary>Enforced policies deny it: the call was attempted and the mesh refuses it.</summary>
    Denied,

    /// <summary>The mesh allows it, but a dry-run or file-only policy would deny it once enforced.</summary>
    WouldDeny,

    /// <summary>A CUSTOM policy matched: an external authorizer decides, which a passive observer cannot know.</summary>
    ExtAuthz,
}
