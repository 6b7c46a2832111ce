using System.Text;

namespace EastWestIds.Engine.Inspection;

/// <summary>Maps a header name to a <see cref="KnownHeader"/> by length, then a case-insensitive compare: no hashing, no strings.</summary>
internal static class KnownHeaders
{
    public const int Count = 9;

    public static int Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when Ascii.EqualsIgnoreCase(name, "host"u8) => (int)KnownHeader.Host,
        7 when Ascii.EqualsIgnoreCase(name, "referer"u8) => (int)KnownHeader.Referer,
        10 when Ascii.EqualsIgnoreCase(name, "user-agent"u8) => (int)KnownHeader.UserAgent,
        11 when Ascii.EqualsIgnoreCase(name, "traceparent"u8) => (int)KnownHeader.Traceparent,
        12 when Ascii.EqualsIgnoreCase(name, "x-request-id"u8) => (int)KnownHeader.XRequestId,
        12 when Ascii.EqualsIgnoreCase(name, "content-type"u8) => (int)KnownHeader.ContentType,
        12 when Ascii.EqualsIgnoreCase(name, "x-b3-traceid"u8) => (int)KnownHeader.XB3TraceId,
        15 when Ascii.EqualsIgnoreCase(name, "x-forwarded-for"u8) => (int)KnownHeader.XForwardedFor,
        23 when Ascii.EqualsIgnoreCase(name, "x-forwarded-client-cert"u8) => (int)KnownHeader.XForwardedClientCert,
        _ => -1,
    };
}
