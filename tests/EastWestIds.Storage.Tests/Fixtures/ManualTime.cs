namespace EastWestIds.Storage.Tests.Fixtures;

/// <summary>A clock the test sets. Timers still run on real time (the writer's delays are short in tests).</summary>
internal sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
