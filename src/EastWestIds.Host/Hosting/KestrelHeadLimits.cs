using EastWestIds.Http.Http1;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EastWestIds.Host.Hosting;

/// <summary>
/// The head limits of <see cref="HttpLimits"/> as Kestrel's, for the sink's h2c streams and the proxy's listener: the
/// same request line, header block and field count whichever server frames the request.
/// </summary>
internal static class KestrelHeadLimits
{
    public static void Apply(KestrelServerLimits kestrel, HttpLimits limits)
    {
        kestrel.MaxRequestHeaderCount = limits.MaxHeaderCount;
        kestrel.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes;
        kestrel.MaxRequestLineSize = limits.MaxRequestLineBytes;

        // One HTTP/2 header field (":path" included) may be as long as the limits above allow, not Kestrel's 32 KiB:
        // Envoy sends up to 60 KiB of headers in any shape, and an over-long field is a COMPRESSION_ERROR that closes
        // the whole connection, every other stream on it with it.
        kestrel.Http2.MaxRequestHeaderFieldSize = Math.Max(limits.MaxHeaderBytes, limits.MaxRequestLineBytes);
    }
}
