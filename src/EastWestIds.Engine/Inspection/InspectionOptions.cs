namespace EastWestIds.Engine.Inspection;

/// <summary>Settings of the inspection pipeline, validated by the host before the engine starts.</summary>
public sealed record InspectionOptions
{
    /// <summary>Trust domains whose workloads may call (MESH-SEMANTICS §2.6, §3.8).</summary>
    public IReadOnlyList<string> TrustDomains { get; init; } = ["cluster.local"];

    /// <summary>The sink's own SPIFFE ID; when set, the last XFCC element's <c>By</c> must equal it.</summary>
    public string? SinkIdentity { get; init; }

    /// <summary>The sink's Service name: a Host naming it means a direct call, not a mirror.</summary>
    public string SinkService { get; init; } = "ewids";

    /// <summary>The sink's namespace.</summary>
    public string SinkNamespace { get; init; } = "ewids-system";

    /// <summary>The cluster DNS domain, used to spell destination services in full.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary>How much of each body is kept for inspection; the rest is drained and counted.</summary>
    public int MaxInspectedBodyBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// How many of the last bytes of a body longer than <see cref="MaxInspectedBodyBytes"/> are kept for inspection as
    /// well (a body up to both together is inspected whole); the middle is drained and counted.
    /// </summary>
    public int MaxInspectedBodyTailBytes { get; init; } = 16 * 1024;

    /// <summary>Longest evidence excerpt written into an alert.</summary>
    public int MaxEvidenceBytes { get; init; } = 512;

    /// <summary>Also write an <c>event_type: "http"</c> record for every analysed request.</summary>
    public bool EmitHttpRecords { get; init; }

    /// <summary>
    /// Whether rules' <c>threshold</c>/<c>detection_filter</c> decide which matches alert (true: as in Suricata). False
    /// for <c>ewids rules test</c>, whose cases ask whether a rule matches one request, not how alerts run over time.
    /// </summary>
    public bool ApplyAlertThresholds { get; init; } = true;

    /// <summary>The mesh objects and policies to judge requests by; null (no <c>--objects</c>) turns the policy stage off.</summary>
    public Authorization.PolicySnapshotSource? Policies { get; init; }

    /// <summary>Most distinct edges the verdict metric keeps; more go to one overflow series labelled <c>other</c>.</summary>
    public int MaxPolicyEdges { get; init; } = 1000;

    /// <summary>The learned baseline (<c>--learn</c>, <c>--learn-for</c>); null turns the baseline stage off.</summary>
    public EastWestIds.Policy.Baseline.BaselineLearner? Baseline { get; init; }
}
