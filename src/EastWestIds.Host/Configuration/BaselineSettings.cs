namespace EastWestIds.Host.Configuration;

/// <summary>The learned-baseline settings of <c>ewids serve</c> (issue 4), listed in <see cref="ServeSettings.All"/>.</summary>
internal static class BaselineSettings
{
    public static readonly Setting Learn = new("learn", "Learn the baseline (caller → service, method, path template) until restarted without --learn; no new-edge alerts meanwhile.", "false", IsFlag: true);
    public static readonly Setting LearnFor = new("learn-for", "Learn the baseline for this long, counted from the stored baseline's first entry (so a restart does not start over), then alert once per new edge; 0 only detects. E.g. 7d, 12h.", null, "DURATION");
    public static readonly Setting BaselineMaxEdges = new("baseline-max-edges", "Most baseline edges (learned plus reported) kept in memory; new edges past it are counted in eastwestids_baseline_overflow_total.", "50000", "COUNT");
}
