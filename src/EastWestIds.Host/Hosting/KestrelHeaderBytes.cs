using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace EastWestIds.Host.Hosting;

/// <summary>
/// Header bytes as they came, whichever server frames the request. RFC 9110 §5.5 allows obs-text (0x80–0xFF) in a field
/// value and Envoy passes it on, but Kestrel reads values as UTF-8 by default and refuses anything else before our code
/// runs: over h2c with a PROTOCOL_ERROR that closes the whole mirror connection (every caller's streams on it), in the
/// proxy with a 400 the service behind would not have sent; either way the request, payload and all, went uninspected.
/// Latin-1 maps each byte to one char, so <see cref="HttpContextCapture"/> (and the proxy's forwarder) turn the string
/// back into exactly the bytes received, as the HTTP/1.1 mirror parser sees them.
/// </summary>
internal static class KestrelHeaderBytes
{
    public static void Apply(KestrelServerOptions kestrel)
    {
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
    }
}
