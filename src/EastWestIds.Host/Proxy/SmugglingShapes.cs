using System.Buffers;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The mirror port frames HTTP/1.1 itself and sees every smuggling shape; the proxy gets requests Kestrel already
/// framed. Kestrel refuses most shapes with 400 before the proxy sees them (obfuscated or non-final chunked
/// Transfer-Encoding, conflicting Content-Lengths, bare LF, obs-fold), but it accepts Content-Length together with
/// <c>Transfer-Encoding: chunked</c> (RFC 9112 §6.3: chunked wins, the connection closes afterwards) and renames the
/// Content-Length field to <c>X-Content-Length</c>. That is the shape of a CL.TE desync attempt against whatever sits
/// behind the proxy, so it is put back into the request model as the rejection the mirror port would have recorded
/// (9100010, high): alerted in monitor mode, blocked in enforce mode.
/// </summary>
internal static class SmugglingShapes
{
    public static void Detect(HttpContext context, MirroredRequest request, int maxEvidence)
    {
        var headers = context.Request.Headers;
        if (request.Version is not (HttpVersion.Http10 or HttpVersion.Http11)
            || headers.TransferEncoding.Count == 0
            || !headers.TryGetValue("X-Content-Length", out var contentLength))
        {
            return;
        }

        var evidence = Encoding.ASCII.GetBytes($"Content-Length: {contentLength}\r\nTransfer-Encoding: {headers.TransferEncoding}");
        request.Reject(RequestRejectionReason.ContentLengthWithTransferEncoding, new ReadOnlySequence<byte>(evidence), maxEvidence);
    }
}
