using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Offline;

/// <summary>
/// A raw HTTP/1.1 stream: requests back to back, as on the wire. The file is driven through
/// <see cref="Http1RequestParser"/> from a <see cref="PipeReader"/>, so it is never loaded whole and bodies are
/// handed over as they are read. Each framed request is one record (its ordinal is its id).
/// </summary>
/// <remarks>
/// Exactly as on the mirror port: a rejected request becomes a rejected <see cref="Inspection.MirroredRequest"/>
/// with its reason and raw evidence, and nothing after it is framed, because after a framing error nobody can say
/// where the next request starts (a notice says how many bytes were left). Unlike one connection,
/// <c>Connection: close</c> does not end the file: a capture file often concatenates several connections.
/// A file that ends inside a request is an input error; a request whose head was complete is still analysed.
/// </remarks>
public sealed class RawHttpRequestReader : IOfflineRequestReader
{
    private readonly OfflineReaderOptions _options;

    public RawHttpRequestReader(OfflineReaderOptions? options = null) => _options = options ?? new OfflineReaderOptions();

    public async Task ReadAsync(Stream stream, string file, IOfflineRequestSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var framer = new OfflineFramer(_options);
        long ordinal = 0;
        long offset = 0; // bytes of the file consumed before the current buffer
        long requestStart = 0;
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var reader = new SequenceReader<byte>(buffer);
                ParseStatus status;
                while (true)
                {
                    if (!framer.Parser.RequestInProgress)
                    {
                        requestStart = offset + reader.Consumed;
                    }

                    status = framer.Parse(ref reader);
                    if (status == ParseStatus.Incomplete)
                    {
                        break;
                    }

                    Emit(sink, framer, file, ++ordinal, requestStart);
                    if (status == ParseStatus.Rejected)
                    {
                        break;
                    }
                }

                if (status == ParseStatus.Rejected)
                {
                    var left = buffer.Length - reader.Consumed;
                    var rest = stream.CanSeek ? stream.Length - stream.Position : 0;
                    sink.OnNotice($"{file}: request {ordinal} at offset {requestStart} was rejected ({framer.Parser.RejectionReason.Label()}); "
                        + $"the remaining {(left + rest).ToString(CultureInfo.InvariantCulture)} bytes cannot be framed and were not read");
                    pipe.AdvanceTo(buffer.End);
                    return;
                }

                offset += reader.Consumed;
                pipe.AdvanceTo(reader.Position, buffer.End);
                if (result.IsCompleted)
                {
                    var unread = buffer.Slice(reader.Position);
                    if (framer.Request.HasHead)
                    {
                        // The head was whole: analyse what arrived, as the mirror port does when a connection ends.
                        Emit(sink, framer, file, ++ordinal, requestStart);
                        sink.OnError(new OfflineInputError(file, $"offset {requestStart}", "the file ends inside this request's body"));
                    }
                    else if (!IsOnlyLineBreaks(unread))
                    {
                        sink.OnError(new OfflineInputError(file, $"offset {requestStart}", $"the file ends inside a request head ({unread.Length} bytes unframed)"));
                    }

                    return;
                }
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static void Emit(IOfflineRequestSink sink, OfflineFramer framer, string file, long ordinal, long start)
    {
        sink.BeginRecord(new OfflineRecord(file, ordinal, null, $"offset {start.ToString(CultureInfo.InvariantCulture)}"));
        sink.OnRequest(framer.Request);
        sink.EndRecord();
        framer.NextRequest();
    }

    private static bool IsOnlyLineBreaks(ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            if (segment.Span.IndexOfAnyExcept("\r\n"u8) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
