using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Tests.Offline;

public sealed class RawHttpRequestReaderTests
{
    private const string Stream3 =
        "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
        + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
        + "POST /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";

    private static readonly RawHttpRequestReader Reader = new();

    [Fact]
    public async Task Read_BackToBackRequests_OneRecordEach_WithOrdinalsAndOffsets()
    {
        var sink = await CollectingSink.ReadAsync(Reader, Stream3, "capture.http");

        Assert.Empty(sink.Errors);
        Assert.Empty(sink.Notices);
        Assert.Equal(["/one", "/two", "/three"], sink.Requests.Select(r => r.Target));
        Assert.Equal(["", "hello", "abcde"], sink.Requests.Select(r => r.BodyText));
        Assert.Equal([1L, 2L, 3L], sink.Records.Select(r => r.Ordinal));
        Assert.All(sink.Records, r => Assert.Null(r.IdJson));
        Assert.Equal("offset 0", sink.Records[0].Location);
        Assert.Equal($"offset {Stream3.IndexOf("POST /two", StringComparison.Ordinal)}", sink.Records[1].Location);
        Assert.Equal($"offset {Stream3.IndexOf("POST /three", StringComparison.Ordinal)}", sink.Records[2].Location);
        Assert.All(sink.Requests, r => Assert.Equal(IngestKind.Offline, r.Ingest));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    public async Task Read_StreamDeliveringFewBytesPerRead_FramesTheSame(int bytesPerRead)
    {
        var sink = new CollectingSink();
        await using var stream = new TrickleStream(Encoding.ASCII.GetBytes(Stream3), bytesPerRead);

        await Reader.ReadAsync(stream, "trickle", sink);

        Assert.Empty(sink.Errors);
        Assert.Equal(["/one", "/two", "/three"], sink.Requests.Select(r => r.Target));
        Assert.Equal(["", "hello", "abcde"], sink.Requests.Select(r => r.BodyText));
        Assert.Equal("offset 0", sink.Records[0].Location);
        Assert.Equal($"offset {Stream3.IndexOf("POST /three", StringComparison.Ordinal)}", sink.Records[2].Location);
    }

    [Fact]
    public async Task Read_SmugglingRequest_IsRejectedWithEvidence_AndNothingAfterItIsFramed()
    {
        const string input =
            "GET /ok HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /smuggle HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + "GET /after HTTP/1.1\r\nHost: a\r\n\r\n";

        var sink = await CollectingSink.ReadAsync(Reader, input, "smuggle.http");

        Assert.Equal(2, sink.Requests.Count);
        var rejected = sink.Requests[1];
        Assert.Equal(RequestRejectionReason.ContentLengthWithTransferEncoding, rejected.Rejection);
        Assert.Equal("/smuggle", rejected.Target);
        Assert.StartsWith("POST /smuggle HTTP/1.1", rejected.Evidence, StringComparison.Ordinal);
        Assert.Empty(sink.Errors);
        var notice = Assert.Single(sink.Notices);
        Assert.Contains("smuggle.http: request 2", notice, StringComparison.Ordinal);
        Assert.Contains("cannot be framed", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_GarbageInsteadOfARequest_IsARejectedRequest()
    {
        var sink = await CollectingSink.ReadAsync(Reader, "\tGET / HTTP/1.1\r\nHost: a\r\n\r\n");

        var request = Assert.Single(sink.Requests);
        Assert.NotEqual(RequestRejectionReason.None, request.Rejection);
        Assert.False(request.HasHead);
    }

    [Fact]
    public async Task Read_FileEndsInsideAHead_IsAnInputErrorNamingTheOffset()
    {
        const string input = "GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /cut HTTP/1.1\r\nHo";

        var sink = await CollectingSink.ReadAsync(Reader, input, "cut.http");

        Assert.Equal(["/ok"], sink.Requests.Select(r => r.Target));
        var error = Assert.Single(sink.Errors);
        Assert.Equal("cut.http", error.File);
        Assert.Equal($"offset {input.IndexOf("GET /cut", StringComparison.Ordinal)}", error.Location);
        Assert.Contains("ends inside a request head", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_FileEndsInsideABody_AnalysesWhatArrived_AndReportsIt()
    {
        var sink = await CollectingSink.ReadAsync(Reader, "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 50\r\n\r\npartial");

        var request = Assert.Single(sink.Requests);
        Assert.Equal("partial", request.BodyText);
        Assert.Contains("ends inside this request's body", Assert.Single(sink.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_TrailingLineBreaksAndEmptyFile_AreNotErrors()
    {
        var trailing = await CollectingSink.ReadAsync(Reader, "GET / HTTP/1.1\r\nHost: a\r\n\r\n\r\n");
        var empty = await CollectingSink.ReadAsync(Reader, string.Empty);

        Assert.Single(trailing.Requests);
        Assert.Empty(trailing.Errors);
        Assert.Empty(empty.Requests);
        Assert.Empty(empty.Errors);
    }

    [Fact]
    public async Task Read_BodyOverTheBudget_KeepsTheBudgetAndFramesTheNextRequest()
    {
        var reader = new RawHttpRequestReader(new OfflineReaderOptions { MaxInspectedBodyBytes = 10 });
        var body = new string('x', 300_000);
        var input = $"POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: {body.Length}\r\n\r\n{body}GET /next HTTP/1.1\r\nHost: a\r\n\r\n";

        var sink = await CollectingSink.ReadAsync(reader, input);

        Assert.Equal(["/big", "/next"], sink.Requests.Select(r => r.Target));
        Assert.Equal(10, sink.Requests[0].Body.Length);
    }

    /// <summary>Hands out at most a few bytes per read, so requests cross every kind of buffer boundary.</summary>
    private sealed class TrickleStream(byte[] data, int bytesPerRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => base.ReadAsync(buffer, offset, Math.Min(count, bytesPerRead), cancellationToken);
    }
}
