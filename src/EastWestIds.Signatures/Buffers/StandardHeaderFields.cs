using System.Text;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// Request header fields whose syntax a standard fixes and which a service does not read as data of its own: HTTP's
/// (the IANA field name registry's request fields), CORS, tracing (W3C Trace Context, B3 and the vendors' own), Envoy's
/// and gRPC's own fields, and the <c>Sec-</c> fields Fetch reserves for what the browser sets. Everything
/// else, <c>x-forwarded-for</c> and every application's own field among it, is what <c>http.header_value</c> holds.
/// </summary>
/// <remarks>
/// Why a list: a tokenizer that reads SQL or script in a value takes structured syntax for code
/// (<c>Prefer: odata.include-annotations="*"</c>, <c>sec-ch-ua: "Chromium";v="131"</c> read as SQL comparisons), and
/// these fields carry no value an application puts into a query or a page. Attacks on them are what the rules on
/// <c>http.header</c> look for (smuggling, CRLF, Log4Shell in any field).
/// </remarks>
internal static class StandardHeaderFields
{
    private const int LongestName = 48;

    private static readonly string[] Names =
    [
        // HTTP semantics, caching, conditional and range requests, content negotiation (RFC 9110, 9111, 9112, 9113)
        "a-im", "accept", "accept-charset", "accept-datetime", "accept-encoding", "accept-language", "alt-used",
        "authorization", "cache-control", "cdn-loop", "connection", "content-digest", "content-disposition",
        "content-encoding", "content-language", "content-length", "content-location", "content-md5", "content-range",
        "content-type", "cookie", "cookie2", "date", "digest", "dpop", "early-data", "expect", "forwarded", "from",
        "host", "http2-settings", "if", "if-match", "if-modified-since", "if-none-match", "if-range",
        "if-schedule-tag-match", "if-unmodified-since", "keep-alive", "link", "max-forwards", "origin", "pragma", "prefer",
        "priority", "proxy-authorization", "proxy-connection", "range", "referer", "repr-digest", "signature",
        "signature-input", "te", "trailer", "transfer-encoding", "upgrade", "upgrade-insecure-requests", "user-agent",
        "via", "want-content-digest", "want-digest", "want-repr-digest", "warning",

        // CORS preflight
        "access-control-request-headers", "access-control-request-method", "access-control-request-private-network",

        // Browsers' own (besides Sec-*, below)
        "dnt",

        // Tracing: W3C Trace Context, B3, Jaeger, Datadog, Sentry, SkyWalking, AWS X-Ray, Google Cloud Trace
        "traceparent", "tracestate", "b3", "uber-trace-id", "sentry-trace", "sw8", "x-amzn-trace-id",
        "x-cloud-trace-context", "x-datadog-trace-id", "x-datadog-parent-id", "x-datadog-sampling-priority",
        "x-datadog-origin", "x-datadog-tags",

        // What Envoy sets on every request (besides x-envoy-*, below): the request id, the scheme and port, the mesh
        // identity (judged by the identity stage)
        "x-request-id", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-client-cert",

        // gRPC's own fields (not grpc-metadata-*: grpc-gateway passes an application's metadata so)
        "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "grpc-message-type", "grpc-previous-rpc-attempts",
        "grpc-retry-pushback-ms",
    ];

    /// <summary>
    /// The names by a hash of their length and first and last letters (folded): a lookup is one hash and one or two
    /// case-insensitive compares, without turning the name into a string. Every request's every field is looked up:
    /// a <c>FrozenSet&lt;string&gt;</c> and its span lookup cost the mesh GET about 6,000 instructions more (callgrind).
    /// </summary>
    private static readonly byte[][][] Buckets = BuildBuckets();

    /// <summary>True for a field listed above, or one of the reserved families <c>Sec-*</c>, <c>x-b3-*</c>, <c>x-envoy-*</c>.</summary>
    public static bool Contains(ReadOnlySpan<byte> name)
    {
        if (name.Length < 2 || name.Length > LongestName)
        {
            return false;
        }

        if (IsReservedFamily(name))
        {
            return true;
        }

        foreach (byte[] candidate in Buckets[Hash(name)])
        {
            if (Ascii.EqualsIgnoreCase(name, candidate))
            {
                return true;
            }
        }

        return false;
    }

    // Sec-*, x-b3-*, x-envoy-*: told apart by their first bytes before any compare (every field of every request asks).
    private static bool IsReservedFamily(ReadOnlySpan<byte> name) => (name[0] | 0x20) switch
    {
        's' => StartsWith(name, "sec-"u8),
        'x' when name[1] == (byte)'-' && name.Length > 5 => (name[2] | 0x20) switch
        {
            'b' => StartsWith(name, "x-b3-"u8),
            'e' => StartsWith(name, "x-envoy-"u8),
            _ => false,
        },
        _ => false,
    };

    private static int Hash(ReadOnlySpan<byte> name) => (name.Length * 31 + (name[0] | 0x20) * 7 + (name[^1] | 0x20)) & 255;

    private static byte[][][] BuildBuckets()
    {
        var buckets = new List<byte[]>[256];
        foreach (string name in Names)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(name);
            (buckets[Hash(bytes)] ??= []).Add(bytes);
        }

        return [.. buckets.Select(b => b is null ? [] : b.ToArray())];
    }

    private static bool StartsWith(ReadOnlySpan<byte> name, ReadOnlySpan<byte> prefix) =>
        name.Length > prefix.Length && Ascii.EqualsIgnoreCase(name[..prefix.Length], prefix);
}
