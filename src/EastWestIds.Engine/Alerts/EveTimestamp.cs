using System.Globalization;

namespace EastWestIds.Engine.Alerts;

/// <summary>Suricata's EVE timestamp, <c>2026-11-28T21:00:00.123456+0000</c>, formatted into a span without allocating.</summary>
internal static class EveTimestamp
{
    public const int Length = 31;

    public static int Format(DateTime utc, Span<byte> destination)
    {
        utc.TryFormat(destination, out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff", CultureInfo.InvariantCulture);
        "+0000"u8.CopyTo(destination[written..]);
        return written + 5;
    }
}
