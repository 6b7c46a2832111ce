namespace EastWestIds.Host.Baseline;

/// <summary>How <c>ewids serve</c> runs the learned baseline (<c>--learn</c>, <c>--learn-for</c>, <c>--baseline-max-edges</c>).</summary>
internal sealed record BaselineHostOptions
{
    /// <summary><c>--learn</c>: learn for as long as the process runs.</summary>
    public bool LearnUntilRestart { get; init; }

    /// <summary><c>--learn-for</c>: learn until the stored baseline's earliest first-seen plus this; then detect.</summary>
    public TimeSpan? LearnFor { get; init; }

    /// <summary>Cap on edges in memory.</summary>
    public int MaxEdges { get; init; } = 50_000;

    /// <summary>How often learned counts go to the store.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(5);
}
