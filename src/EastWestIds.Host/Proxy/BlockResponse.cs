using System.Buffers;
using System.Text.Json;
using EastWestIds.Core.Findings;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The answers the proxy gives itself instead of forwarding: 403 for a blocked request, 503 when inspection failed
/// and the proxy fails closed. Small JSON bodies that name the request and the rules that decided (sid, family,
/// severity, message: text the operator wrote), never the matched bytes: the caller must not learn what to change
/// to slip past, and attacker bytes must not be echoed.
/// </summary>
internal static class BlockResponse
{
    public static Task WriteBlockedAsync(HttpContext context, SignatureInfo[] blocking)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("request_id"u8, RequestId(context));
            json.WriteString("action"u8, "blocked"u8);
            json.WriteStartArray("decided_by"u8);
            foreach (var signature in blocking)
            {
                json.WriteStartObject();
                json.WriteNumber("sid"u8, signature.Sid);
                json.WriteNumber("rev"u8, signature.Rev);
                json.WriteString("family"u8, signature.Family.Label());
                json.WriteNumber("severity"u8, (int)signature.Severity);
                json.WriteString("msg"u8, signature.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return WriteAsync(context, StatusCodes.Status403Forbidden, body);
    }

    public static Task WriteEngineFailedAsync(HttpContext context, EngineFailureReason reason)
    {
        var body = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("request_id"u8, RequestId(context));
            json.WriteString("error"u8, "inspection_failed"u8);
            json.WriteString("reason"u8, ProxyMetrics.Label(reason));
            json.WriteEndObject();
        }

        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, body);
    }

    /// <summary>The mesh's <c>x-request-id</c> when it is a plain token (so the caller can match the alert), else our own id.</summary>
    internal static string RequestId(HttpContext context)
    {
        var received = context.Request.Headers["x-request-id"];
        if (received.Count == 1 && received[0] is { Length: > 0 and <= 128 } id && IsToken(id))
        {
            return id;
        }

        return context.TraceIdentifier;
    }

    private static bool IsToken(string id)
    {
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    private static Task WriteAsync(HttpContext context, int status, ArrayBufferWriter<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount + 1;
        response.Headers.CacheControl = "no-store";
        var bytes = new byte[body.WrittenCount + 1];
        body.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return response.Body.WriteAsync(bytes, 0, bytes.Length, context.RequestAborted);
    }
}
