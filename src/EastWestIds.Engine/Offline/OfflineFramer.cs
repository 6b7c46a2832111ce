using System.Buffers;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Offline;

/// <summary>
/// Drives <see cref="Http1RequestParser"/> into one reused <see cref="MirroredRequest"/> through
/// <see cref="MirroredRequestCapture"/>, as the mirror port's connection does: a rejected request keeps its reason
/// and raw evidence and is handed on like any other.
/// </summary>
internal sealed class OfflineFramer
{
    private readonly OfflineReaderOptions _options;
    private readonly Http1RequestParser _parser;
    private readonly MirroredRequest _request = new();

    public OfflineFramer(OfflineReaderOptions options)
    {
        _options = options;
        _parser = new Http1RequestParser(options.Limits);
        NextRequest();
    }

    public MirroredRequest Request => _request;

    public Http1RequestParser Parser => _parser;

    /// <summary>Forgets the previous "connection".</summary>
    public void StartConnection()
    {
        _parser.Reset();
        NextRequest();
    }

    /// <summary>Clears the request for the next one.</summary>
    public void NextRequest()
    {
        _request.Reset();
        _request.Ingest = IngestKind.Offline;
    }

    /// <summary>Parses at most one request; on rejection the request is marked with the reason and evidence.</summary>
    public ParseStatus Parse(ref SequenceReader<byte> reader)
    {
        var capture = new MirroredRequestCapture(_request, _options.MaxInspectedBodyBytes, _options.MaxInspectedBodyTailBytes);
        var status = _parser.Parse(ref reader, ref capture);
        if (status == ParseStatus.Rejected)
        {
            _request.Reject(_parser.RejectionReason, reader.UnreadSequence, _options.MaxEvidenceBytes);
        }

        return status;
    }

    /// <summary>
    /// Frames one record's bytes as one connection: every request in them goes to the sink; a rejected request or
    /// <c>Connection: close</c> ends it (what follows is what a server would never read); a request whose head
    /// arrived but whose body did not is analysed with what there is, as when a mirror connection ends early.
    /// </summary>
    /// <param name="bytes">The record's wire bytes.</param>
    /// <param name="sink">Receives the requests.</param>
    /// <param name="recordedAtUtc">When the format says the request was made (HAR); otherwise the time of analysis is kept.</param>
    public void FrameRecord(ReadOnlyMemory<byte> bytes, IOfflineRequestSink sink, DateTime? recordedAtUtc = null)
    {
        StartConnection();
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        while (true)
        {
            var status = Parse(ref reader);
            if (status == ParseStatus.Complete)
            {
                var keepAlive = _parser.Framing.KeepAlive;
                Stamp(recordedAtUtc);
                sink.OnRequest(_request);
                NextRequest();
                if (!keepAlive || reader.End)
                {
                    return;
                }

                continue;
            }

            if (status == ParseStatus.Rejected || _request.HasHead)
            {
                Stamp(recordedAtUtc);
                sink.OnRequest(_request);
            }

            NextRequest();
            return;
        }
    }

    private void Stamp(DateTime? recordedAtUtc)
    {
        if (recordedAtUtc is { } at)
        {
            _request.ReceivedAtUtc = at;
        }
    }
}
