namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// One request as the signature engine reads it: raw bytes only, as they were received. The engine's mirrored request
/// and the inline proxy's request implement it, so the signatures part never learns about transport or pooling. Every
/// span stays valid until the request is released; the engine never keeps one beyond an inspection.
/// </summary>
public interface IRequestView
{
    /// <summary>The method token, e.g. <c>GET</c>.</summary>
    ReadOnlySpan<byte> Method { get; }

    /// <summary>The request-target exactly as sent (origin, absolute, authority or asterisk form).</summary>
    ReadOnlySpan<byte> Target { get; }

    /// <summary>The protocol token as sent, e.g. <c>HTTP/1.1</c>; <c>HTTP/2</c> for h2c mirrors.</summary>
    ReadOnlySpan<byte> Protocol { get; }

    /// <summary>Header fields in arrival order (trailers excluded).</summary>
    int HeaderCount { get; }

    /// <summary>The name of header <paramref name="index"/> as sent (case preserved).</summary>
    ReadOnlySpan<byte> HeaderName(int index);

    /// <summary>The value of header <paramref name="index"/>, without surrounding whitespace.</summary>
    ReadOnlySpan<byte> HeaderValue(int index);

    /// <summary>The inspected prefix of the message body, de-chunked but still content-encoded.</summary>
    ReadOnlySpan<byte> Body { get; }

    /// <summary>True when the body was longer than the inspection budget and <see cref="Body"/> is a prefix.</summary>
    bool BodyTruncated { get; }

    /// <summary>
    /// The last bytes of a body longer than <see cref="Body"/> and the tail budget together (de-chunked, still
    /// content-encoded); empty when the body was kept whole or no tail was kept. The bytes between the two were not kept.
    /// </summary>
    ReadOnlySpan<byte> BodyTail => default;

    /// <summary>The caller's SPIFFE ID (<c>spiffe://td/ns/x/sa/y</c>) from XFCC or a client certificate; empty when unknown.</summary>
    ReadOnlySpan<byte> SourcePrincipal { get; }

    /// <summary>The callee service's host name without port and without Istio's <c>-shadow</c> suffix; empty when unknown.</summary>
    ReadOnlySpan<byte> DestinationService { get; }
}
