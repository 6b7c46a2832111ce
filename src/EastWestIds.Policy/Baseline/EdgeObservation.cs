namespace EastWestIds.Policy.Baseline;

/// <summary>What <see cref="BaselineLearner.Observe"/> made of one request.</summary>
public enum EdgeObservation
{
    /// <summary>The edge is in the baseline.</summary>
    Known,

    /// <summary>Learning: the edge was new and is now in the baseline (and in the next deltas).</summary>
    Learned,

    /// <summary>Not learning: the edge is new. Raise a <c>new-edge</c> finding; the edge is remembered, so this comes once.</summary>
    NewEdge,

    /// <summary>Not learning: the edge was new before and has been reported already.</summary>
    AlreadyReported,

    /// <summary>The edge is new but the table is at its cap: not remembered, counted in <see cref="BaselineLearner.Overflow"/>.</summary>
    Overflow,

    /// <summary>No edge: no caller principal, no callee, or a path that is not origin-form.</summary>
    Skipped,
}
