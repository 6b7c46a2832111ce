using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

public class RequestBuffersTests
{
    [Fact]
    public void Get_RequestLineBuffers_FollowSuricata()
    {
        RequestBuffers b = For(FakeRequestView.Get("/a/./b/../c%2Fd?x=%3Cy%3E+z")
            .WithHeader("User-Agent", "curl/8.0").WithHeader("Cookie", "sid=1").WithHeader("Accept", "*/*"));

        Assert.Equal("GET", Single(b, InspectionBuffer.HttpMethod));
        Assert.Equal("/a/./b/../c%2Fd?x=%3Cy%3E+z", Single(b, InspectionBuffer.HttpUriRaw));
        Assert.Equal("/a/c/d?x=<y>+z", Single(b, InspectionBuffer.HttpUri));
        Assert.Equal("GET /a/./b/../c%2Fd?x=%3Cy%3E+z HTTP/1.1", Single(b, InspectionBuffer.HttpRequestLine));
        Assert.Equal("curl/8.0", Single(b, InspectionBuffer.HttpUserAgent));
        Assert.Equal("sid=1", Single(b, InspectionBuffer.HttpCookie));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpReferer));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpRequestBody));
    }

    [Fact]
    public void Get_HeaderBuffers_CookieOnlyInRawAndNames()
    {
        RequestBuffers b = For(new FakeRequestView().WithHeader("Host", "a").WithHeader("Cookie", "c=1").WithHeader("X-Y", "z"));

        Assert.Equal("Host: a\r\nX-Y: z\r\n", Single(b, InspectionBuffer.HttpHeader));
        Assert.Equal("Host: a\r\nCookie: c=1\r\nX-Y: z\r\n", Single(b, InspectionBuffer.HttpHeaderRaw));
        Assert.Equal("\r\nHost\r\nCookie\r\nX-Y\r\n\r\n", Single(b, InspectionBuffer.HttpHeaderNames));
    }

    [Fact]
    public void Get_HeaderBuffers_RawAskedFirst_HeaderStillWithoutCookie()
    {
        RequestBuffers b = For(new FakeRequestView().WithHeader("Host", "a").WithHeader("cookie", "c=1").WithHeader("X-Y", "z"));

        Assert.Equal("Host: a\r\ncookie: c=1\r\nX-Y: z\r\n", Single(b, InspectionBuffer.HttpHeaderRaw));
        Assert.Equal("Host: a\r\nX-Y: z\r\n", Single(b, InspectionBuffer.HttpHeader));
    }

    [Fact]
    public void Get_HeaderBuffers_NextRequestSeesItsOwnHeaders()
    {
        var b = new RequestBuffers();
        b.Reset(new FakeRequestView().WithHeader("Host", "a").WithHeader("X-Long-Name", "first").WithHeader("User-Agent", "one"));
        Assert.Equal("Host: a\r\nX-Long-Name: first\r\nUser-Agent: one\r\n", Single(b, InspectionBuffer.HttpHeader));
        Assert.Equal("one", Single(b, InspectionBuffer.HttpUserAgent));

        b.Reset(new FakeRequestView().WithHeader("User-Agent", "two").WithHeader("Cookie", "c=2"));
        Assert.Equal("User-Agent: two\r\nCookie: c=2\r\n", Single(b, InspectionBuffer.HttpHeaderRaw));
        Assert.Equal("User-Agent: two\r\n", Single(b, InspectionBuffer.HttpHeader));
        Assert.Equal("two", Single(b, InspectionBuffer.HttpUserAgent));
        Assert.Equal("c=2", Single(b, InspectionBuffer.HttpCookie));
        Assert.Equal("\r\nUser-Agent\r\nCookie\r\n\r\n", Single(b, InspectionBuffer.HttpHeaderNames));
    }

    [Fact]
    public void Get_HeadersLookedUpByName_MatchAnyCaseAndOnlyTheWholeName()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("/")
            .WithHeader("USER-AGENT", "ua").WithHeader("referer", "r").WithHeader("Content-TYPE", "text/plain")
            .WithHeader("hOST", "H.example:80").WithHeader("User-Agent-X", "not-ua").WithHeader("Cookies", "not-cookie"));

        Assert.Equal("ua", Single(b, InspectionBuffer.HttpUserAgent));
        Assert.Equal("r", Single(b, InspectionBuffer.HttpReferer));
        Assert.Equal("text/plain", Single(b, InspectionBuffer.HttpContentType));
        Assert.Equal("h.example", Single(b, InspectionBuffer.HttpHost));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpCookie));
        Assert.Contains("Cookies: not-cookie", Single(b, InspectionBuffer.HttpHeader));
    }

    [Fact]
    public void CopyValues_EveryBuffer_CopiesWhatGetServes()
    {
        RequestBuffers b = For(FakeRequestView.Post("/p/%2e%2e/x?q=%3Cb%3E&plain=1", "application/json",
                "{\"a\":\"x\\u0041\",\"b\":[1,true,\"plain\"],\"c\":\"http://evil.example/\"}")
            .WithHeader("User-Agent", "ua").WithHeader("Cookie", "c=1").WithHeader("Referer", "r1").WithHeader("Referer", "r2")
            .WithMesh("spiffe://td/ns/a/sa/b", "svc"));
        var destination = new byte[4096];
        var lengths = new int[64];

        foreach (InspectionBuffer buffer in Enum.GetValues<InspectionBuffer>())
        {
            string[] expected = Values(b, buffer);
            int total = b.CopyValues(buffer, destination, lengths);
            Assert.Equal(expected.Sum(v => v.Length), total);
            var copied = new string[expected.Length];
            for (int v = 0, at = 0; v < copied.Length; at += lengths[v], v++)
            {
                copied[v] = Text(destination.AsSpan(at, lengths[v]));
            }

            Assert.Equal(expected, copied);
        }
    }

    [Fact]
    public void CopyValues_DestinationTooSmall_SaysHowMuchIsNeededAndCopiesNothing()
    {
        RequestBuffers b = For(FakeRequestView.Get("/x?a=1234&b=5678"));
        var destination = new byte[5];

        Assert.Equal(8, b.CopyValues(InspectionBuffer.HttpArg, destination, new int[2]));
        Assert.All(destination, d => Assert.Equal(0, d));
    }

    [Fact]
    public void Get_RepeatedHeaders_Joined()
    {
        RequestBuffers b = For(new FakeRequestView().WithHeader("cookie", "a=1").WithHeader("User-Agent", "x").WithHeader("COOKIE", "b=2"));
        Assert.Equal("a=1; b=2", Single(b, InspectionBuffer.HttpCookie));
    }

    [Theory]
    [InlineData("/", "Svc.NS.svc.Cluster.Local:8080", "svc.ns.svc.cluster.local")]
    [InlineData("/", "[::1]:443", "[::1]")]
    [InlineData("http://User@Evil.Example:81/x", "ignored", "evil.example")]
    [InlineData("/", "plain", "plain")]
    public void Get_Host_LowercasedWithoutPort(string target, string host, string expected)
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget(target).WithHeader("Host", host));
        Assert.Equal(expected, Single(b, InspectionBuffer.HttpHost));
    }

    [Fact]
    public void Get_AbsoluteFormTarget_UriIsPathAndQuery()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("http://169.254.169.254/latest/meta-data/?a=1"));
        Assert.Equal("/latest/meta-data/?a=1", Single(b, InspectionBuffer.HttpUri));
    }

    [Fact]
    public void Get_Mesh_FromView()
    {
        RequestBuffers b = For(new FakeRequestView().WithMesh("spiffe://cluster.local/ns/a/sa/b", "payments"));
        Assert.Equal("spiffe://cluster.local/ns/a/sa/b", Single(b, InspectionBuffer.MeshSourcePrincipal));
        Assert.Equal("payments", Single(b, InspectionBuffer.MeshDestinationService));

        b.Reset(new FakeRequestView());
        Assert.Equal(0, b.Count(InspectionBuffer.MeshSourcePrincipal));
    }

    [Fact]
    public void Get_Payload_IsRequestAsReceived()
    {
        RequestBuffers b = For(FakeRequestView.Post("/p", "text/plain", "hello"));
        Assert.Equal("POST /p HTTP/1.1\r\nHost: svc.ns.svc.cluster.local\r\nContent-Type: text/plain\r\n\r\nhello", Single(b, InspectionBuffer.Payload));
    }

    [Fact]
    public void Uri_TraversalTricks_NormalizedAndFlagged()
    {
        RequestBuffers b = For(FakeRequestView.Get("/static/%252e%252e/%c0%ae%c0%ae/..%5c..%5cetc/passwd%00.png"));
        Assert.Equal("/etc/passwd\0.png", Single(b, InspectionBuffer.HttpUri));
        Assert.Equal(DecodingAnomalies.DoubleEncoding | DecodingAnomalies.OverlongUtf8 | DecodingAnomalies.NullByte, b.Anomalies);
    }

    [Fact]
    public void Uri_CrsDoubleEncodedTraversal_Decoded()
    {
        // CRS 931131-1
        RequestBuffers b = For(FakeRequestView.Get("/get/file:%2f%2f/usr/src/blog/app/assets/javascripts/%252e%252e/%252e%252e/%252e%252e/%252e%252e/%252e%252e/%252e%252e/%252e%252e/%252e%252e/etc/passwd"));
        Assert.Equal("/etc/passwd", Single(b, InspectionBuffer.HttpUri));
    }

    [Fact]
    public void Uri_InvalidAndPercentU_Flagged()
    {
        RequestBuffers b = For(FakeRequestView.Get("/a%zz/%u002e%u002e/b?q=%"));
        Assert.Equal("/b?q=%", Single(b, InspectionBuffer.HttpUri)); // "/a%zz/.." resolves away
        Assert.Equal(DecodingAnomalies.InvalidPercentEncoding | DecodingAnomalies.PercentUEncoding, b.Anomalies);
    }

    [Fact]
    public void Anomalies_OnlyForDecodedBuffers_UntilDecodeAll()
    {
        RequestBuffers b = For(FakeRequestView.Get("/x?a=%252e%252e"));
        Assert.Equal("GET", Single(b, InspectionBuffer.HttpMethod));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
        b.DecodeAll();
        Assert.Equal(DecodingAnomalies.DoubleEncoding, b.Anomalies);
    }

    [Fact]
    public void Get_IndexOutOfRange_Throws()
    {
        RequestBuffers b = For(FakeRequestView.Get("/"));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Get(InspectionBuffer.HttpArg, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Count((InspectionBuffer)99));
    }

    [Fact]
    public void Get_BeforeReset_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new RequestBuffers().Count(InspectionBuffer.HttpUri));
    }

    [Fact]
    public void Reset_SecondRequest_NeverShowsFirstRequestsBytes()
    {
        var b = new RequestBuffers();
        b.Reset(FakeRequestView.Post("/first?secret=%41AAAAAAAAAAAAAAA", "application/json", "{\"k\":\"\\u0041BBBBBBBB\"}")
            .WithHeader("Cookie", "first-cookie"));
        b.DecodeAll();
        Assert.Contains("AAAAAAAAAAAAAAAA", Values(b, InspectionBuffer.HttpArg));

        b.Reset(FakeRequestView.Get("/2?x=%31"));
        Assert.Equal(["1"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["x"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal("/2?x=1", Single(b, InspectionBuffer.HttpUri));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpCookie));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpRequestBody));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
        b.DecodeAll();
        foreach (InspectionBuffer buffer in Enum.GetValues<InspectionBuffer>())
        {
            foreach (string value in Values(b, buffer))
            {
                Assert.DoesNotContain("first", value);
                Assert.DoesNotContain("AAAA", value);
                Assert.DoesNotContain("BBBB", value);
            }
        }
    }
}
