using EastWestIds.Engine.Offline;

namespace EastWestIds.Engine.Tests.Offline;

public sealed class HarRequestReaderTests
{
    private static readonly HarRequestReader Reader = new();

    private static string Har(params string[] entries) => "{\"log\": {\"version\": \"1.2\", \"entries\": [" + string.Join(",", entries) + "]}}";

    [Fact]
    public async Task Read_Entry_AbsoluteUrlBecomesOriginFormPlusHost_BodyGetsContentLength()
    {
        var har = Har("""
            {"request": {"method": "POST", "url": "https://user@orders.shop.svc:8443/api/v1/orders?id=1#frag", "httpVersion": "HTTP/1.1",
              "headers": [{"name": "Content-Type", "value": "application/json"}],
              "postData": {"mimeType": "application/json", "text": "{\"q\":\"a'b\"}"}}}
            """);

        var sink = await CollectingSink.ReadAsync(Reader, har, "trace.har");

        Assert.Empty(sink.Errors);
        var request = Assert.Single(sink.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/orders?id=1", request.Target);
        Assert.Equal([("Host", "orders.shop.svc:8443"), ("Content-Type", "application/json"), ("Content-Length", "11")], request.Headers);
        Assert.Equal("{\"q\":\"a'b\"}", request.BodyText);
        Assert.Equal("entry 1", request.Record.Location);
        Assert.Equal(1, request.Record.Ordinal);
    }

    [Fact]
    public async Task Read_StartedDateTime_IsTheRequestTime()
    {
        var har = Har(
            """{"startedDateTime": "2026-03-01T10:20:30.123+02:00", "request": {"method": "GET", "url": "http://h/a"}}""",
            """{"startedDateTime": "not a date", "request": {"method": "GET", "url": "http://h/b"}}""");

        var before = DateTime.UtcNow;
        var sink = await CollectingSink.ReadAsync(Reader, har);

        Assert.Equal(new DateTime(2026, 3, 1, 8, 20, 30, 123, DateTimeKind.Utc), sink.Requests[0].ReceivedAtUtc);
        Assert.Equal(DateTimeKind.Utc, sink.Requests[0].ReceivedAtUtc.Kind);
        Assert.True(sink.Requests[1].ReceivedAtUtc >= before);
    }

    [Fact]
    public async Task Read_Http2Entry_PseudoHeadersAreDropped_AuthorityIsHost()
    {
        var har = Har("""
            {"request": {"method": "GET", "url": "/only-path?x=1", "httpVersion": "h2",
              "headers": [{"name": ":authority", "value": "svc.ns"}, {"name": ":path", "value": "/only-path?x=1"}, {"name": "accept", "value": "*/*"}]}}
            """);

        var request = Assert.Single((await CollectingSink.ReadAsync(Reader, har)).Requests);

        Assert.Equal("/only-path?x=1", request.Target);
        Assert.Equal([("Host", "svc.ns"), ("accept", "*/*")], request.Headers);
    }

    [Fact]
    public async Task Read_RecordedHostAndChunked_KeepsHost_SendsTheBodyAsOneChunk()
    {
        var har = Har("""
            {"request": {"method": "PUT", "url": "http://ignored/x", "headers": [{"name": "Host", "value": "real"}, {"name": "Transfer-Encoding", "value": "chunked"}],
              "postData": {"text": "abc"}}}
            """);

        var request = Assert.Single((await CollectingSink.ReadAsync(Reader, har)).Requests);

        Assert.Equal([("Host", "real"), ("Transfer-Encoding", "chunked")], request.Headers);
        Assert.Equal("abc", request.BodyText);
    }

    [Fact]
    public async Task Read_PostDataParamsOrBase64_BuildTheBody()
    {
        var har = Har(
            """{"request": {"method": "POST", "url": "http://h/f", "postData": {"params": [{"name": "a", "value": "1"}, {"name": "b", "value": "x y"}]}}}""",
            """{"request": {"method": "POST", "url": "http://h/b", "postData": {"text": "AAEC", "encoding": "base64"}}}""");

        var sink = await CollectingSink.ReadAsync(Reader, har);

        Assert.Equal("a=1&b=x y", sink.Requests[0].BodyText);
        Assert.Equal(new byte[] { 0, 1, 2 }, sink.Requests[1].Body);
    }

    [Fact]
    public async Task Read_MalformedEntries_AreErrorsNamingTheEntry_AndTheOthersAreRead()
    {
        var har = Har(
            """{"request": {"method": "GET", "url": "http://h/1"}}""",
            """{"response": {}}""",
            """{"request": {"url": "http://h/no-method"}}""",
            """{"request": {"method": "GET"}}""",
            """{"request": {"method": "GET", "url": "http://h/", "headers": [{"name": "x"}]}}""",
            """{"request": {"method": "GET", "url": "http://h/5"}}""");

        var sink = await CollectingSink.ReadAsync(Reader, har, "bad.har");

        Assert.Equal(["/1", "/5"], sink.Requests.Select(r => r.Target));
        Assert.Equal([1L, 6L], sink.Records.Select(r => r.Ordinal));
        Assert.Equal(["entry 2", "entry 3", "entry 4", "entry 5"], sink.Errors.Select(e => e.Location));
        Assert.Contains("missing object 'request'", sink.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("missing field 'request.method'", sink.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("missing field 'request.url'", sink.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("request.headers[0]", sink.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ByteOrderMark_IsSkipped()
    {
        byte[] input = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Har("""{"request": {"method": "GET", "url": "http://h/bom"}}"""))];

        var sink = await CollectingSink.ReadAsync(Reader, input);

        Assert.Empty(sink.Errors);
        Assert.Equal("/bom", Assert.Single(sink.Requests).Target);
    }

    [Theory]
    [InlineData("{\"log\": {\"entries\": [", "invalid JSON")]
    [InlineData("{\"entries\": []}", "not a HAR file")]
    [InlineData("[]", "not a HAR file")]
    public async Task Read_NotAHarFile_IsOneErrorNamingTheFile(string content, string message)
    {
        var sink = await CollectingSink.ReadAsync(Reader, content, "x.har");

        var error = Assert.Single(sink.Errors);
        Assert.Equal("x.har", error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Requests);
    }

    [Theory]
    [InlineData("http://h", "h", "/")]
    [InlineData("http://h?q=1", "h", "/?q=1")]
    [InlineData("https://h:1/a/../b?%2e%2e", "h:1", "/a/../b?%2e%2e")]
    [InlineData("/rel", null, "/rel")]
    [InlineData("", null, "/")]
    public void SplitUrl_KeepsTheTargetRaw(string url, string? authority, string target)
    {
        HarRequestReader.SplitUrl(url, out var actualAuthority, out var actualTarget);

        Assert.Equal(authority, actualAuthority);
        Assert.Equal(target, actualTarget);
    }

    [Fact]
    public async Task Read_EntryWithAStringThatIsNotUtf8_IsAnErrorAndTheNextEntryIsRead()
    {
        byte[] input = [.. "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\", \"url\": \"http://h/x"u8, 0xFF,
            .. "\", \"headers\": []}}, {\"request\": {\"method\": \"GET\", \"url\": \"http://h/next\", \"headers\": []}}]}}"u8];

        var sink = await CollectingSink.ReadAsync(new HarRequestReader(), input, "rec.har");

        var error = Assert.Single(sink.Errors);
        Assert.Equal(("rec.har", "entry 1"), (error.File, error.Location));
        Assert.Contains("not valid Unicode text", error.Message, StringComparison.Ordinal);
        Assert.Equal("/next", Assert.Single(sink.Requests).Target);
    }
}
