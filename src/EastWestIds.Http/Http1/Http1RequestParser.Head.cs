using System.Buffers;
using System.Runtime.CompilerServices;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

// The head, fast path: the whole head sits in the reader's current span (the usual case for a mirrored
// request, which arrives in one read). Nothing is copied; every span handed out points into the receive buffer.
public sealed partial class Http1RequestParser
{
    private ParseStatus ParseHead<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        ReadOnlySpan<byte> span = reader.UnreadSpan;
        if (span.IsEmpty)
        {
            // The usual last call on a buffer: everything in it was framed.
            RequestInProgress = false;
            return ParseStatus.Incomplete;
        }

        // RFC 9112 §2.2: ignore one empty line before the request line (old clients send CRLF after a POST body).
        int skip = span.Length >= 2 && span[0] == ByteCR && span[1] == ByteLF ? 2 : 0;
        ReadOnlySpan<byte> head = span[skip..];

        // Limits by slicing: the request line's LF must be within MaxRequestLineBytes, and the empty line ending
        // the fields within MaxHeaderBytes after it. Anything else (incomplete, too long, bare LF, a head across
        // segments) takes the segmented path, which tells those apart.
        int lineFeed = head[..Math.Min(head.Length, _limits.MaxRequestLineBytes)].IndexOf(ByteLF);
        if (lineFeed > 0 && head[lineFeed - 1] == ByteCR)
        {
            // Search from the request line's own CRLF so an empty field section ("\r\n\r\n" right there) is found.
            int searchStart = lineFeed - 1;
            int searchLength = Math.Min(head.Length - (lineFeed + 1), _limits.MaxHeaderBytes) + 2;
            int end = head.Slice(searchStart, searchLength).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                int headLength = searchStart + end + 4;
                RequestRejectionReason reason = ProcessHead(head[..headLength], lineFeed, ref handler, out RequestFraming framing);
                if (reason != RequestRejectionReason.None)
                {
                    return Reject(reason);
                }

                reader.Advance(skip + headLength);
                return CompleteHead(in framing, ref handler);
            }
        }

        return ParseHeadSegmented(ref reader, ref handler);
    }

    /// <summary>Walks a located head: request line, then each field line, then the framing rules.</summary>
    private RequestRejectionReason ProcessHead<THandler>(ReadOnlySpan<byte> head, int requestLineFeed, ref THandler handler, out RequestFraming framing)
        where THandler : struct, IHttpRequestHandler
    {
        framing = default;
        RequestFramingBuilder builder = default;
        RequestRejectionReason reason = ProcessRequestLine(head[..(requestLineFeed - 1)], ref handler, out builder.Version);
        if (reason != RequestRejectionReason.None)
        {
            return reason;
        }

        // The field lines, each ending in CRLF, then the empty line that ends the head: the head ends at the
        // first CRLFCRLF, so the last two bytes are the only empty line.
        ReadOnlySpan<byte> fields = head[(requestLineFeed + 1)..];
        int count = 0;
        while (fields.Length > 2)
        {
            if (++count > _limits.MaxHeaderCount)
            {
                return RequestRejectionReason.TooManyHeaders;
            }

            reason = HttpFieldLine.ParseFirst(fields, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value, out int lineLength);
            if (reason == RequestRejectionReason.None)
            {
                reason = builder.Observe(name, value);
            }

            if (reason != RequestRejectionReason.None)
            {
                return reason;
            }

            handler.OnHeader(name, value);
            fields = fields[lineLength..];
        }

        return builder.Build(out framing);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static RequestRejectionReason ProcessFieldLine<THandler>(ReadOnlySpan<byte> line, ref THandler handler, ref RequestFramingBuilder builder)
        where THandler : struct, IHttpRequestHandler
    {
        RequestRejectionReason reason = HttpFieldLine.Parse(line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value);
        if (reason == RequestRejectionReason.None)
        {
            reason = builder.Observe(name, value);
            if (reason == RequestRejectionReason.None)
            {
                handler.OnHeader(name, value);
            }
        }

        return reason;
    }

    /// <summary>Publishes the framing, tells the handler, and arms the body reader.</summary>
    private ParseStatus CompleteHead<THandler>(in RequestFraming framing, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        Framing = framing;
        _bodyFraming = framing.Body;
        handler.OnHeadersComplete(in framing);

        // RFC 9112 §6.3: chunked (rule 4), Content-Length (rule 6), or no body at all for a request (rule 7).
        bool hasBody = framing.Body switch
        {
            BodyFraming.Chunked => true,
            BodyFraming.ContentLength => framing.ContentLength > 0,
            _ => false,
        };

        if (framing.Body == BodyFraming.Chunked)
        {
            _chunkedBody = default;
        }
        else if (hasBody)
        {
            _contentLengthBody = new(framing.ContentLength);
        }

        InBody = hasBody;
        RequestInProgress = hasBody;
        return ParseStatus.Complete;
    }
}
