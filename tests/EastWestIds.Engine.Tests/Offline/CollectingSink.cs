using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Tests.Offline;

/// <summary>Keeps a copy of everything a reader hands over.</summary>
internal sealed class CollectingSink : IOfflineRequestSink
{
    private OfflineRecord? _open;

    public List<Captured> Requests { get; } = [];

    public List<OfflineRecord> Records { get; } = [];

    public List<OfflineInputError> Errors { get; } = [];

    public List<string> Notices { get; } = [];

    public void BeginRecord(in OfflineRecord record)
    {
        Assert.Null(_open);
        _open = record;
        Records.Add(record);
    }

    public void OnRequest(MirroredRequest request)
    {
        Assert.NotNull(_open);
        var headers = new List<(string, string)>();
        for (var i = 0; i < request.HeaderCount; i++)
        {
            headers.Add((Encoding.UTF8.GetString(request.HeaderName(i)), Encoding.UTF8.GetString(request.HeaderValue(i))));
        }

        Requests.Add(new Captured(
            _open!.Value,
            request.Ingest,
            Encoding.UTF8.GetString(request.Method),
            Encoding.UTF8.GetString(request.Target),
            headers,
            request.Body.ToArray(),
            request.Rejection,
            request.HasHead,
            Encoding.UTF8.GetString(request.RawEvidence),
            request.ReceivedAtUtc));
    }

    public void EndRecord()
    {
        Assert.NotNull(_open);
        _open = null;
    }

    public void OnError(OfflineInputError error) => Errors.Add(error);

    public void OnNotice(string message) => Notices.Add(message);

    public static async Task<CollectingSink> ReadAsync(IOfflineRequestReader reader, string content, string file = "input")
        => await ReadAsync(reader, Encoding.UTF8.GetBytes(content), file);

    public static async Task<CollectingSink> ReadAsync(IOfflineRequestReader reader, byte[] content, string file = "input")
    {
        var sink = new CollectingSink();
        using var stream = new MemoryStream(content);
        await reader.ReadAsync(stream, file, sink);
        Assert.Null(sink._open);
        return sink;
    }

    internal sealed record Captured(
        OfflineRecord Record,
        IngestKind Ingest,
        string Method,
        string Target,
        List<(string Name, string Value)> Headers,
        byte[] Body,
        RequestRejectionReason Rejection,
        bool HasHead,
        string Evidence,
        DateTime ReceivedAtUtc)
    {
        public string BodyText => Encoding.UTF8.GetString(Body);
    }
}
