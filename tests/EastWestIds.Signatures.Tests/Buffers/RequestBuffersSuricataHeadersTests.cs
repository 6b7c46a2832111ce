using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// Suricata 7's request buffers beyond the core ones (<c>http.protocol</c>, <c>http.start</c>, <c>http.accept*</c>,
/// <c>http.connection</c>, <c>http.content_len</c>, <c>http.host.raw</c>, <c>http.request_header</c>), filled as its
/// documentation (doc/userguide/rules/http-keywords.rst) says, so that rules written for Suricata match the same bytes.
/// </summary>
public sealed class RequestBuffersSuricataHeadersTests
{
    [Fact]
    public void HeaderValueBuffers_HoldTheValueOnly_RepeatsJoined()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("/")
            .WithHeader("accept", "image/gif").WithHeader("Accept-Encoding", "gzip, br").WithHeader("ACCEPT-LANGUAGE", "en-us")
            .WithHeader("Connection", "keep-alive").WithHeader("Content-Length", "666").WithHeader("Accept", "*/*")
            .WithHeader("Accept-Charset", "utf-8").WithHeader("Connection-X", "no"));

        Assert.Equal("image/gif, */*", Single(b, InspectionBuffer.HttpAccept));
        Assert.Equal("gzip, br", Single(b, InspectionBuffer.HttpAcceptEnc));
        Assert.Equal("en-us", Single(b, InspectionBuffer.HttpAcceptLang));
        Assert.Equal("keep-alive", Single(b, InspectionBuffer.HttpConnection));
        Assert.Equal("666", Single(b, InspectionBuffer.HttpContentLen));
    }

    [Fact]
    public void HeaderValueBuffers_AbsentHeader_NoValue()
    {
        RequestBuffers b = For(FakeRequestView.Get("/"));

        foreach (InspectionBuffer buffer in (InspectionBuffer[])[InspectionBuffer.HttpAccept, InspectionBuffer.HttpAcceptEnc,
                     InspectionBuffer.HttpAcceptLang, InspectionBuffer.HttpConnection, InspectionBuffer.HttpContentLen])
        {
            Assert.Equal(0, b.Count(buffer));
        }
    }

    [Fact]
    public void Protocol_IsTheRequestLinesProtocol()
    {
        Assert.Equal("HTTP/1.1", Single(For(FakeRequestView.Get("/")), InspectionBuffer.HttpProtocol));
        Assert.Equal("HTTP/1.0", Single(For(new FakeRequestView().WithUtf8("GET", "/", "HTTP/1.0")), InspectionBuffer.HttpProtocol));
    }

    [Fact]
    public void Start_IsTheRequestLineAndEveryHeaderLine_EndedByAnEmptyLine()
    {
        RequestBuffers b = For(FakeRequestView.Get("/a?b=1").WithHeader("User-Agent", "curl/8").WithHeader("Cookie", "sid=1"));

        Assert.Equal("GET /a?b=1 HTTP/1.1\r\nHost: svc.ns.svc.cluster.local\r\nUser-Agent: curl/8\r\nCookie: sid=1\r\n\r\n",
            Single(b, InspectionBuffer.HttpStart));
    }

    [Fact]
    public void HostRaw_IsTheHostHeaderAsSent_PortAndCaseKept_RepeatsJoined()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("/").WithHeader("Host", "ABC.com:8080").WithHeader("Accept", "*/*").WithHeader("host", "efg.net"));

        Assert.Equal("ABC.com:8080, efg.net", Single(b, InspectionBuffer.HttpHostRaw));
        Assert.Equal("abc.com", Single(b, InspectionBuffer.HttpHost)); // the normalized one: lower case, first host, no port
    }

    [Fact]
    public void HostRaw_AbsoluteFormTarget_IsItsHostAsSent()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("http://Reviews.Bookinfo:9080/x").WithHeader("Host", "other"));

        Assert.Equal("Reviews.Bookinfo", Single(b, InspectionBuffer.HttpHostRaw));
        Assert.Equal("reviews.bookinfo", Single(b, InspectionBuffer.HttpHost));
    }

    [Fact]
    public void RequestHeader_IsOneValuePerField_NameAndValue()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("/").WithHeader("Host", "a").WithHeader("X-Api-Key", "k1")
            .WithHeader("Cookie", "c=1").WithHeader("X-Api-Key", ""));

        Assert.Equal(["Host: a", "X-Api-Key: k1", "Cookie: c=1", "X-Api-Key: "], Values(b, InspectionBuffer.HttpRequestHeader));
        Assert.Equal(0, For(new FakeRequestView().WithTarget("/")).Count(InspectionBuffer.HttpRequestHeader));
    }
}
