namespace EastWestIds.Storage.Sql;

/// <summary>
/// Times are stored as Unix microseconds in a BIGINT in both databases: one representation, exact ordering,
/// no time-zone or text-format differences between SQLite and PostgreSQL, and cursors that are just two integers.
/// </summary>
internal static class StoreTime
{
    public static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10;

    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.Ticks + (micros * 10), TimeSpan.Zero);
}
