using System.Buffers;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using HttpVersion = EastWestIds.Http.Http1.HttpVersion;

namespace EastWestIds.Host.Hosting;

/// <summary>
/// Turns a request Kestrel already parsed (<see cref="HttpContext"/>: HTTP/2 mirrors, the inline proxy) into the
/// engine's request model through the same <see cref="MirroredRequestCapture"/> callbacks the HTTP/1.1 mirror parser
/// drives, so the engine sees one request model whatever the ingest. Head and trailers here; bodies are fed by the
/// caller, which knows whether it drains (mirror) or forwards (proxy).
/// </summary>
internal static class HttpContextCapture
{
    /// <summary>Connection facts: peer, local socket, a connection id for logs.</summary>
    public static void CaptureConnection(HttpContext context, MirroredRequest request, IngestKind ingest)
    {
        var connection = context.Connection;
        request.Ingest = ingest;
        request.ConnectionId = (uint)connection.Id.GetHashCode(StringComparison.Ordinal);
        request.PeerAddress = connection.RemoteIpAddress;
        request.PeerPort = connection.RemotePort;
        request.LocalAddress = connection.LocalIpAddress;
        request.LocalPort = connection.LocalPort;
    }

    /// <summary>
    /// Start line and header fields, then the end of the head. With <paramref name="replaceXfcc"/> set, every
    /// received <c>x-forwarded-client-cert</c> field is left out and that value (unless empty) stands in their place: the proxy
    /// terminated mTLS itself and speaks for the caller as a sidecar would (never trusting what the caller wrote).
    /// </summary>
    public static void CaptureHead(HttpContext context, in MirroredRequestCapture capture, ref byte[] scratch, string? replaceXfcc = null)
    {
        var http = context.Request;
        var version = Version(http.Protocol);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Path + http.QueryString).ToString();
        var form = TargetForm(http.Method, rawTarget);
        // The target is not a header: Kestrel reads it as ASCII (HTTP/1.1) or UTF-8 (:path), so UTF-8 gives its bytes back.
        Ensure(ref scratch, Encoding.UTF8.GetMaxByteCount(http.Method.Length + rawTarget.Length));
        var methodLength = Encoding.UTF8.GetBytes(http.Method, scratch);
        var targetLength = Encoding.UTF8.GetBytes(rawTarget, scratch.AsSpan(methodLength));
        capture.OnStartLine(scratch.AsSpan(0, methodLength), scratch.AsSpan(methodLength, targetLength), version, form);
        foreach (var (name, values) in http.Headers)
        {
            if (replaceXfcc is not null && name.Equals("x-forwarded-client-cert", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                Header(capture, name, value ?? string.Empty, ref scratch);
            }
        }

        if (replaceXfcc is { Length: > 0 })
        {
            Header(capture, "x-forwarded-client-cert", replaceXfcc, ref scratch);
        }

        var length = http.ContentLength;
        var chunked = version is HttpVersion.Http11 && length is null && http.Headers.TransferEncoding.Count > 0;
        capture.OnHeadersComplete(new RequestFraming(
            version,
            length is not null ? BodyFraming.ContentLength : chunked ? BodyFraming.Chunked : BodyFraming.None,
            length ?? 0,
            KeepAlive: true,
            ExpectContinue: false));
    }

    /// <summary>Request trailers, once the body was read to its end (HTTP/2, chunked HTTP/1.1).</summary>
    public static void CaptureTrailers(HttpContext context, in MirroredRequestCapture capture)
    {
        var http = context.Request;
        if (!http.SupportsTrailers() || !http.CheckTrailersAvailable())
        {
            return;
        }

        foreach (var (name, values) in context.Features.Get<IHttpRequestTrailersFeature>()?.Trailers ?? new HeaderDictionary())
        {
            foreach (var value in values)
            {
                capture.OnTrailer(Encoding.Latin1.GetBytes(name), Encoding.Latin1.GetBytes(value ?? string.Empty));
            }
        }
    }

    /// <summary>
    /// RFC 9112 §3.2: an origin-form target starts with <c>/</c>, whatever its query holds (<c>?next=http://…</c> is
    /// data: read as absolute-form, its URL once chose the service and path the policy stage judged); Kestrel has
    /// validated the target, so one that does not start so is the asterisk, the authority of a CONNECT, or absolute.
    /// </summary>
    internal static RequestTargetForm TargetForm(string method, string rawTarget) =>
        method == HttpMethods.Connect ? RequestTargetForm.Authority
        : rawTarget.StartsWith('/') ? RequestTargetForm.Origin
        : rawTarget == "*" ? RequestTargetForm.Asterisk
        : rawTarget.Contains("://", StringComparison.Ordinal) ? RequestTargetForm.Absolute
        : RequestTargetForm.Origin;

    public static HttpVersion Version(string protocol)
        => HttpProtocol.IsHttp11(protocol) ? HttpVersion.Http11
            : HttpProtocol.IsHttp10(protocol) ? HttpVersion.Http10
            : HttpVersion.Http2; // HTTP/2 and HTTP/3 share one request model: pseudo-headers mapped by Kestrel

    // Latin-1 both ways (KestrelHeaderBytes): one char is the one byte that came, so the engine sees the bytes on the
    // wire, as the HTTP/1.1 parser hands them over; one byte per char also sizes the buffer without a counting pass.
    private static void Header(in MirroredRequestCapture capture, string name, string value, ref byte[] scratch)
    {
        Ensure(ref scratch, name.Length + value.Length);
        var nameLength = Encoding.Latin1.GetBytes(name, scratch);
        var valueLength = Encoding.Latin1.GetBytes(value, scratch.AsSpan(nameLength));
        capture.OnHeader(scratch.AsSpan(0, nameLength), scratch.AsSpan(nameLength, valueLength));
    }

    private static void Ensure(ref byte[] scratch, int length)
    {
        if (scratch.Length < length)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(length);
        }
    }
}
