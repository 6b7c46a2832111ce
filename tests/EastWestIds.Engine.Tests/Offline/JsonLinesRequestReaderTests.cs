using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Tests.Offline;

public sealed class JsonLinesRequestReaderTests
{
    private static readonly JsonLinesRequestReader Reader = new();

    [Fact]
    public async Task Read_CorpusLine_BuildsTheWireRequestThroughTheParser()
    {
        const string line = """{"id": "942100-1", "method": "POST", "uri": "/post?a=%27", "http_version": "HTTP/1.1", "headers": [["Host", "localhost"], ["Content-Type", "application/x-www-form-urlencoded"], ["Content-Length", "7"], ["X-Dup", "1"], ["x-dup", "2"]], "body": "var=1'x"}""";

        var sink = await CollectingSink.ReadAsync(Reader, line + "\n");

        Assert.Empty(sink.Errors);
        var request = Assert.Single(sink.Requests);
        Assert.Equal(IngestKind.Offline, request.Ingest);
        Assert.Equal("\"942100-1\"", request.Record.IdJson);
        Assert.Equal(1, request.Record.Ordinal);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/post?a=%27", request.Target);
        Assert.Equal([("Host", "localhost"), ("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", "7"), ("X-Dup", "1"), ("x-dup", "2")], request.Headers);
        Assert.Equal("var=1'x", request.BodyText);
        Assert.Equal(RequestRejectionReason.None, request.Rejection);
    }

    [Fact]
    public async Task Read_PathInsteadOfUri_NoVersionNoHeaders_DefaultsToHttp11()
    {
        var sink = await CollectingSink.ReadAsync(Reader, """{"method": "GET", "path": "/x", "headers": {"Host": "a"}}""");

        var request = Assert.Single(sink.Requests);
        Assert.Equal("/x", request.Target);
        Assert.Null(request.Record.IdJson);
        Assert.Equal([("Host", "a")], request.Headers);
    }

    [Fact]
    public async Task Read_BodyBase64_DecodesTheBytes()
    {
        var body = new byte[] { 0xff, 0x00, 0xfe, 0x41 };
        var line = $$"""{"method": "POST", "uri": "/", "headers": [["Host", "h"], ["Content-Length", "4"]], "body": "{{Convert.ToBase64String(body)}}", "body_base64": true}""";

        var sink = await CollectingSink.ReadAsync(Reader, line);

        Assert.Equal(body, Assert.Single(sink.Requests).Body);
    }

    [Fact]
    public async Task Read_RawB64_SendsTheExactBytesAndWins()
    {
        var raw = "GET /raw HTTP/1.1\r\nHost: h\r\n\r\n"u8.ToArray();
        var line = $$"""{"id": 7, "method": "POST", "uri": "/ignored", "raw_b64": "{{Convert.ToBase64String(raw)}}"}""";

        var sink = await CollectingSink.ReadAsync(Reader, line);

        var request = Assert.Single(sink.Requests);
        Assert.Equal("/raw", request.Target);
        Assert.Equal("7", request.Record.IdJson);
    }

    [Fact]
    public async Task Read_SmugglingShape_IsARejectedRequestWithEvidence()
    {
        const string line = """{"id": "s", "method": "POST", "uri": "/", "headers": [["Host", "h"], ["Content-Length", "5"], ["Transfer-Encoding", "chunked"]], "body": "0\r\n\r\n"}""";

        var sink = await CollectingSink.ReadAsync(Reader, line);

        var request = Assert.Single(sink.Requests);
        Assert.Equal(RequestRejectionReason.ContentLengthWithTransferEncoding, request.Rejection);
        Assert.Equal(IngestKind.Offline, request.Ingest);
        Assert.StartsWith("POST / HTTP/1.1", request.Evidence, StringComparison.Ordinal);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task Read_MalformedLines_AreErrorsNamingFileAndLine_AndTheScanGoesOn()
    {
        var input = string.Join('\n',
            """{"method": "GET", "uri": "/1", "headers": [["Host", "h"]]}""",
            "",
            """{"method": "GET", "uri": """,
            """{"uri": "/no-method"}""",
            """{"method": "GET"}""",
            """[1, 2]""",
            """{"method": 5, "uri": "/"}""",
            """{"method": "GET", "uri": "/", "headers": [["only-name"]]}""",
            """{"method": "GET", "uri": "/", "headers": "Host: h"}""",
            """{"method": "POST", "uri": "/", "body": "!!", "body_base64": true}""",
            """{"method": "GET", "uri": "/", "id": {"a": 1}}""",
            """{"method": "GET", "uri": "/last", "headers": [["Host", "h"]]}""");

        var sink = await CollectingSink.ReadAsync(Reader, input, "corpus.jsonl");

        Assert.Equal(["/1", "/last"], sink.Requests.Select(r => r.Target));
        Assert.Equal([1L, 11L], sink.Requests.Select(r => r.Record.Ordinal));
        Assert.All(sink.Errors, e => Assert.Equal("corpus.jsonl", e.File));
        Assert.Equal(
            ["line 3", "line 4", "line 5", "line 6", "line 7", "line 8", "line 9", "line 10", "line 11"],
            sink.Errors.Select(e => e.Location));
        Assert.Contains("invalid JSON", sink.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("missing field 'method'", sink.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("missing field 'uri' (or 'path')", sink.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("expected a JSON object", sink.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("'method' must be a string", sink.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("headers[0]", sink.Errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("'headers' must be an array", sink.Errors[6].Message, StringComparison.Ordinal);
        Assert.Contains("not valid base64", sink.Errors[7].Message, StringComparison.Ordinal);
        Assert.Contains("'id' must be a string or a number", sink.Errors[8].Message, StringComparison.Ordinal);
        Assert.Equal("corpus.jsonl: line 3: " + sink.Errors[0].Message, sink.Errors[0].ToString());
    }

    [Fact]
    public async Task Read_CrLfLineEndingsAndNoFinalNewline_ReadsEveryLine()
    {
        var input = "{\"method\": \"GET\", \"uri\": \"/a\", \"headers\": [[\"Host\", \"h\"]]}\r\n{\"method\": \"GET\", \"uri\": \"/b\", \"headers\": [[\"Host\", \"h\"]]}";

        var sink = await CollectingSink.ReadAsync(Reader, input);

        Assert.Empty(sink.Errors);
        Assert.Equal(["/a", "/b"], sink.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task Read_ByteOrderMarkOnTheFirstLine_IsSkipped()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. "{\"method\": \"GET\", \"uri\": \"/bom\", \"headers\": [[\"Host\", \"h\"]]}\n"u8];

        var sink = await CollectingSink.ReadAsync(Reader, input);

        Assert.Empty(sink.Errors);
        Assert.Equal("/bom", Assert.Single(sink.Requests).Target);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("uri")]
    [InlineData("header")]
    [InlineData("body")]
    [InlineData("surrogate")]
    public async Task Read_StringThatIsNotUtf8_IsAnErrorAndTheNextLineIsRead(string where)
    {
        // Found by fuzzing (fuzz/, recordings target): System.Text.Json parses such a line and throws only when the
        // string is read, which ended `ewids scan` with a stack trace.
        byte[] bad = [0xC0, 0xFF];
        byte[] line = where switch
        {
            "id" => [.. "{\"id\": \"a"u8, .. bad, .. "\", \"method\": \"GET\", \"uri\": \"/x\"}\n"u8],
            "uri" => [.. "{\"method\": \"GET\", \"uri\": \"/x"u8, .. bad, .. "\"}\n"u8],
            "header" => [.. "{\"method\": \"GET\", \"uri\": \"/x\", \"headers\": [[\"Host\", \"h"u8, .. bad, .. "\"]]}\n"u8],
            "body" => [.. "{\"method\": \"POST\", \"uri\": \"/x\", \"body\": \"b"u8, .. bad, .. "\"}\n"u8],
            _ => [.. "{\"method\": \"POST\", \"uri\": \"/x\", \"body\": \"b\\ud800\"}\n"u8], // a lone surrogate
        };
        byte[] input = [.. line, .. "{\"method\": \"GET\", \"uri\": \"/next\", \"headers\": [[\"Host\", \"h\"]]}\n"u8];

        var sink = await CollectingSink.ReadAsync(Reader, input, "rec.jsonl");

        var error = Assert.Single(sink.Errors);
        Assert.Equal(("rec.jsonl", "line 1"), (error.File, error.Location));
        Assert.Contains("not valid Unicode text", error.Message, StringComparison.Ordinal);
        Assert.Equal("/next", Assert.Single(sink.Requests).Target);
    }

    [Fact]
    public async Task Read_LineLongerThanTheLimit_IsAnErrorAndTheNextLineIsRead()
    {
        var reader = new JsonLinesRequestReader(new OfflineReaderOptions { MaxRecordBytes = 1024 });
        var longLine = "{\"method\": \"GET\", \"uri\": \"/" + new string('a', 300_000) + "\"}";
        var input = longLine + "\n{\"method\": \"GET\", \"uri\": \"/next\", \"headers\": [[\"Host\", \"h\"]]}\n";

        var sink = await CollectingSink.ReadAsync(reader, input);

        var error = Assert.Single(sink.Errors);
        Assert.Equal("line 1", error.Location);
        var request = Assert.Single(sink.Requests);
        Assert.Equal("/next", request.Target);
        Assert.Equal("line 2", request.Record.Location);
    }

    [Fact]
    public async Task Read_BodyWithoutContentLengthAndConnectionClose_LeftoverIsNotFramed()
    {
        // corpus 920180-1 shape: the server reads no body and closes; the body bytes are never a request.
        const string line = """{"method": "POST", "uri": "/", "headers": [["Host", "h"], ["Connection", "close"]], "body": "GET /x HTTP/1.1\r\nHost: h\r\n\r\n"}""";

        var sink = await CollectingSink.ReadAsync(Reader, line);

        var request = Assert.Single(sink.Requests);
        Assert.Equal("/", request.Target);
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task Read_ContentLengthLongerThanBody_AnalysesWhatArrived()
    {
        const string line = """{"method": "POST", "uri": "/", "headers": [["Host", "h"], ["Content-Length", "100"]], "body": "short"}""";

        var sink = await CollectingSink.ReadAsync(Reader, line);

        var request = Assert.Single(sink.Requests);
        Assert.True(request.HasHead);
        Assert.Equal("short", request.BodyText);
        Assert.Empty(sink.Errors);
    }

    [Fact]
    public async Task Read_SharedCorpus_ReadsEveryRecordWithoutError()
    {
        var sink = new CollectingSink();
        await using (var stream = File.OpenRead(SharedFiles.Path("corpus/crs-requests.jsonl")))
        {
            await Reader.ReadAsync(stream, "crs-requests.jsonl", sink);
        }

        Assert.Empty(sink.Errors);
        Assert.Equal(4935, sink.Records.Count);
        Assert.Equal(4935, sink.Records.Select(r => r.IdJson).Distinct().Count());
        Assert.All(sink.Requests, r => Assert.Equal(IngestKind.Offline, r.Ingest));
        Assert.Contains(sink.Requests, r => r.Rejection != RequestRejectionReason.None);
    }
}
