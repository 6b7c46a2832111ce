namespace EastWestIds.Kubernetes.Inventory;

/// <summary>
/// Capped exponential backoff with jitter: the n-th failure in a row waits a random time in [d/2, d] where
/// d = min(max, initial·2ⁿ), so many sinks restarted at once do not hammer the API server in step.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 20);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * (1L << exponent));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>A watch delivered something: the next failure starts from the initial delay again.</summary>
    public void Reset() => _failures = 0;
}
