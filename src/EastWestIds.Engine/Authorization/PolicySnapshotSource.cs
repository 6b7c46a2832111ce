namespace EastWestIds.Engine.Authorization;

/// <summary>
/// Where the policy stage finds the current <see cref="PolicySnapshot"/>. Whoever learns of changes (the YAML
/// files at start-up, the Kubernetes watches later) publishes a new snapshot; workers read the reference once per
/// request, so a swap is atomic and never blocks analysis.
/// </summary>
public sealed class PolicySnapshotSource
{
    private volatile PolicySnapshot _current;

    public PolicySnapshotSource(PolicySnapshot initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    public PolicySnapshot Current => _current;

    /// <summary>Replaces the snapshot; requests already being judged finish against the old one.</summary>
    public void Publish(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _current = snapshot;
    }
}
