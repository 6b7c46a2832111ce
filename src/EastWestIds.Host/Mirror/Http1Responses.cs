using System.Buffers;
using System.IO.Pipelines;

namespace EastWestIds.Host.Mirror;

/// <summary>
/// The few answers the mirror port ever gives, written straight into the connection's pipe. The caller's
/// Envoy discards the mirror's response, so it is the smallest valid one: a status and an empty body.
/// </summary>
internal static class Http1Responses
{
    public static void WriteOk(PipeWriter output, ReadOnlySpan<byte> dateHeader, bool keepAlive, bool http10)
    {
        output.Write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"u8);
        output.Write(dateHeader);
        if (!keepAlive)
        {
            output.Write("Connection: close\r\n\r\n"u8);
        }
        else
        {
            // An HTTP/1.0 client keeps the connection only when told so (RFC 9112 §9.3).
            output.Write(http10 ? "Connection: keep-alive\r\n\r\n"u8 : "\r\n"u8);
        }
    }

    /// <summary>RFC 9110 §10.1.1: tells a client that waits before sending its body to go on.</summary>
    public static void WriteContinue(PipeWriter output) => output.Write("HTTP/1.1 100 Continue\r\n\r\n"u8);

    /// <summary>An error answer; the connection is closed after it.</summary>
    public static void WriteError(PipeWriter output, ReadOnlySpan<byte> dateHeader, int status)
    {
        output.Write(status switch
        {
            408 => "HTTP/1.1 408 Request Timeout\r\n"u8,
            431 => "HTTP/1.1 431 Request Header Fields Too Large\r\n"u8,
            505 => "HTTP/1.1 505 HTTP Version Not Supported\r\n"u8,
            _ => "HTTP/1.1 400 Bad Request\r\n"u8,
        });
        output.Write("Content-Length: 0\r\nConnection: close\r\n"u8);
        output.Write(dateHeader);
        output.Write("\r\n"u8);
    }
}
