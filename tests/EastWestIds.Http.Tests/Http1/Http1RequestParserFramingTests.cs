using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Http1;

/// <summary>What the head says about the body and the connection: RFC 9112 §3.2, §6, §9.3 and RFC 9110 §10.1.1.</summary>
public class Http1RequestParserFramingTests
{
    [Theory]
    [InlineData("HTTP/1.1", null, true)]
    [InlineData("HTTP/1.1", "close", false)]
    [InlineData("HTTP/1.1", "Close", false)]
    [InlineData("HTTP/1.1", "keep-alive, CLOSE", false)]
    [InlineData("HTTP/1.1", "upgrade ,\tclose ", false)]
    [InlineData("HTTP/1.1", "closed", true)]
    [InlineData("HTTP/1.1", "keep-alive", true)]
    [InlineData("HTTP/1.0", null, false)]
    [InlineData("HTTP/1.0", "keep-alive", true)]
    [InlineData("HTTP/1.0", "Keep-Alive", true)]
    [InlineData("HTTP/1.0", "keep-alive, close", false)]
    [InlineData("HTTP/1.0", "close", false)]
    public void Parse_ConnectionHeader_DecidesKeepAlive(string version, string? connection, bool keepAlive)
    {
        string head = $"GET / {version}\r\nhost: a\r\n" + (connection is null ? "" : $"connection: {connection}\r\n") + "\r\n";

        RequestFraming framing = Single(head);

        Assert.Equal(keepAlive, framing.KeepAlive);
    }

    [Fact]
    public void Parse_TwoConnectionHeaders_AreCombined()
    {
        Assert.False(Single("GET / HTTP/1.1\r\nhost: a\r\nconnection: upgrade\r\nconnection: close\r\n\r\n").KeepAlive);
    }

    [Fact]
    public void Parse_Http10WithoutHost_IsAccepted()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.Latin1("POST /form HTTP/1.0\r\ncontent-length: 3\r\n\r\na=b"), recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(new RequestFraming(HttpVersion.Http10, BodyFraming.ContentLength, 3, false, false), Assert.Single(recording.Framings));
        Assert.Equal("a=b"u8.ToArray(), recording.Bodies[0].ToArray());
    }

    [Theory]
    [InlineData("GET http://reviews:9080/reviews/0?x=1 HTTP/1.1", "GET", "http://reviews:9080/reviews/0?x=1", RequestTargetForm.Absolute)]
    [InlineData("GET https://[::1]:8443 HTTP/1.1", "GET", "https://[::1]:8443", RequestTargetForm.Absolute)]
    [InlineData("CONNECT reviews.default.svc.cluster.local:9080 HTTP/1.1", "CONNECT", "reviews.default.svc.cluster.local:9080", RequestTargetForm.Authority)]
    [InlineData("CONNECT [::1]:443 HTTP/1.1", "CONNECT", "[::1]:443", RequestTargetForm.Authority)]
    [InlineData("OPTIONS * HTTP/1.1", "OPTIONS", "*", RequestTargetForm.Asterisk)]
    [InlineData("OPTIONS /x HTTP/1.1", "OPTIONS", "/x", RequestTargetForm.Origin)]
    [InlineData("PURGE /cache HTTP/1.1", "PURGE", "/cache", RequestTargetForm.Origin)]
    [InlineData("M-SEARCH * HTTP/1.1", null, null, null)]
    [InlineData("get /lower HTTP/1.1", "get", "/lower", RequestTargetForm.Origin)]
    [InlineData("GET /a?b=%2F&c=~!$&'()*+,;=:@ HTTP/1.1", "GET", "/a?b=%2F&c=~!$&'()*+,;=:@", RequestTargetForm.Origin)]
    public void Parse_RequestTargetForms_AreClassified(string requestLine, string? method, string? target, RequestTargetForm? form)
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.Latin1(requestLine + "\r\nhost: reviews:9080\r\n\r\n"), recording);

        if (method is null)
        {
            // The asterisk-form belongs to OPTIONS only (RFC 9112 §3.2.4), whatever the method token.
            Assert.Equal(RequestRejectionReason.InvalidRequestTarget, run.Reason);
            return;
        }

        Assert.Equal(1, run.Completed);
        (string m, string t, HttpVersion v, RequestTargetForm f) = Assert.Single(recording.StartLines);
        Assert.Equal(method, m);
        Assert.Equal(target, t);
        Assert.Equal(HttpVersion.Http11, v);
        Assert.Equal(form, f);
    }

    [Theory]
    [InlineData("HTTP/1.1", "100-continue", true)]
    [InlineData("HTTP/1.1", "100-Continue", true)]
    [InlineData("HTTP/1.1", "  100-continue\t", true)]
    [InlineData("HTTP/1.1", "200-ok", false)]
    [InlineData("HTTP/1.0", "100-continue", false)]
    public void Parse_ExpectHeader_SetsExpectContinue(string version, string expect, bool expected)
    {
        RequestFraming framing = Single($"POST / {version}\r\nhost: a\r\nexpect: {expect}\r\ncontent-length: 0\r\n\r\n");

        Assert.Equal(expected, framing.ExpectContinue);
    }

    [Theory]
    [InlineData("content-length: 5\r\n", 5)]
    [InlineData("content-length:   5 \t\r\n", 5)]
    [InlineData("content-length: 5, 5\r\n", 5)]
    [InlineData("content-length: 5,5 , 5\r\n", 5)]
    [InlineData("content-length: 5\r\nContent-Length: 5\r\n", 5)]
    [InlineData("content-length: 005\r\n", 5)]
    [InlineData("CONTENT-LENGTH: 0\r\n", 0)]
    public void Parse_ContentLength_AcceptsDigitsAndIdenticalRepeats(string fields, long length)
    {
        var recording = new RequestRecording();
        byte[] body = new byte[length];

        ParseRun run = ParserDriver.ParseOnce([.. RequestCorpus.Latin1($"POST / HTTP/1.1\r\nhost: a\r\n{fields}\r\n"), .. body], recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(BodyFraming.ContentLength, recording.Framings[0].Body);
        Assert.Equal(length, recording.Framings[0].ContentLength);
    }

    [Theory]
    [InlineData("chunked")]
    [InlineData("Chunked")]
    [InlineData("CHUNKED")]
    [InlineData("\tchunked\t")]
    [InlineData("  chunked ")]
    public void Parse_TransferEncodingChunked_IsAcceptedCaseInsensitiveAfterOwsTrim(string value)
    {
        RequestFraming framing = Single($"POST / HTTP/1.1\r\nhost: a\r\ntransfer-encoding:{value}\r\n\r\n0\r\n\r\n");

        Assert.Equal(BodyFraming.Chunked, framing.Body);
        Assert.Equal(0, framing.ContentLength);
    }

    [Fact]
    public void Parse_NoBodyHeaders_MeansNoBody()
    {
        // RFC 9112 §6.3 rule 7: a request without Content-Length or Transfer-Encoding has no body, so the bytes
        // after the head are the next request.
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.Latin1("POST /a HTTP/1.1\r\nhost: a\r\n\r\nPOST /b HTTP/1.1\r\nhost: a\r\n\r\n"), recording);

        Assert.Equal(2, run.Completed);
        Assert.All(recording.Framings, f => Assert.Equal(BodyFraming.None, f.Body));
    }

    [Fact]
    public void Parse_FramingProperty_MatchesWhatTheHandlerSaw()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();

        ParserDriver.ParseBuffer(parser, new(RequestCorpus.JsonPost1K), recording);

        Assert.Equal(recording.Framings[0], parser.Framing);
        Assert.Equal(new RequestFraming(HttpVersion.Http11, BodyFraming.ContentLength, 1024, true, false), parser.Framing);
    }

    private static RequestFraming Single(string text)
    {
        var recording = new RequestRecording();
        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.Latin1(text), recording);
        Assert.True(run.Completed == 1, run.ToString());
        return Assert.Single(recording.Framings);
    }
}
