using EastWestIds.Engine.Inspection;

namespace EastWestIds.Engine.Offline;

/// <summary>What an offline reader hands its requests and problems to (in <c>ewids scan</c>: the inspection pipeline).</summary>
public interface IOfflineRequestSink
{
    /// <summary>A record starts; every <see cref="OnRequest"/> until <see cref="EndRecord"/> belongs to it.</summary>
    void BeginRecord(in OfflineRecord record);

    /// <summary>
    /// A request framed from the record, built through <see cref="MirroredRequestCapture"/> with
    /// <see cref="IngestKind.Offline"/>. It is reused by the reader: valid only during the call.
    /// A record normally holds one; leftover bytes after it may frame more (as on a connection), or none.
    /// </summary>
    void OnRequest(MirroredRequest request);

    /// <summary>The record is done.</summary>
    void EndRecord();

    /// <summary>A record that could not be read; the reader goes on with the next one.</summary>
    void OnError(OfflineInputError error);

    /// <summary>Something worth telling the user that is not an input error (e.g. the rest of a raw stream after a rejected request is not framed).</summary>
    void OnNotice(string message);
}

/// <summary>Reads one recorded-request format.</summary>
public interface IOfflineRequestReader
{
    /// <summary>Reads every record of <paramref name="stream"/>, named <paramref name="file"/> in messages.</summary>
    Task ReadAsync(Stream stream, string file, IOfflineRequestSink sink, CancellationToken cancellationToken = default);
}
