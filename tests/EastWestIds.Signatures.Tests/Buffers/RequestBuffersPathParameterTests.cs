using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// Path parameters (<c>;</c> in a segment): Tomcat, Jetty and Spring drop them from the raw path before they decode
/// and resolve it, so <c>http.uri</c> reads the path as they do first, and as sent second.
/// </summary>
public class RequestBuffersPathParameterTests
{
    [Theory]
    [InlineData("/static/..;/actuator/env", "/actuator/env", "/static/..;/actuator/env")]
    [InlineData("/actuator;v=1/env;x", "/actuator/env", "/actuator;v=1/env;x")]
    [InlineData("/app/..;a=b/..;/manager/html?x=%3B;", "/manager/html?x=;;", "/app/..;a=b/..;/manager/html?x=;;")]
    [InlineData("/a;jsessionid=0F3A/b", "/a/b", "/a;jsessionid=0F3A/b")]
    [InlineData("/;x/", "/", "/;x/")]
    [InlineData("http://orders:8080/x;p/..;/etc/passwd", "/etc/passwd", "/x;p/..;/etc/passwd")]
    public void Uri_PathParameters_ReadAsTheServerDoesThenAsSent(string target, string withoutParameters, string asSent)
    {
        RequestBuffers b = For(FakeRequestView.Get(target));
        Assert.Equal([withoutParameters, asSent], Values(b, InspectionBuffer.HttpUri));
        Assert.Equal(target, Single(b, InspectionBuffer.HttpUriRaw));
    }

    [Theory]
    [InlineData("/a/b?x=1;y=2")] // a ';' in the query is not a path parameter
    [InlineData("/a%3Bb/..%3b/c")] // escaped, it is data to every server
    [InlineData("/a/b")]
    public void Uri_WithoutPathParameters_OneValue(string target)
    {
        RequestBuffers b = For(FakeRequestView.Get(target));
        Assert.Equal(1, b.Count(InspectionBuffer.HttpUri));
    }

    [Fact]
    public void Uri_EscapedSemicolon_IsDataNotAParameter()
    {
        RequestBuffers b = For(FakeRequestView.Get("/a%3Bb/..%3b/c"));
        Assert.Equal("/a;b/..;/c", Single(b, InspectionBuffer.HttpUri));
    }

    [Fact]
    public void Uri_PathParametersHidingTraversal_DecodedAndFlaggedOnce()
    {
        RequestBuffers b = For(FakeRequestView.Get("/img;x/%2e%2e;/%c0%ae%c0%ae;/etc/passwd"));
        Assert.Equal(["/etc/passwd", "/img;x/..;/..;/etc/passwd"], Values(b, InspectionBuffer.HttpUri));
        Assert.Equal(DecodingAnomalies.OverlongUtf8, b.Anomalies);
    }

    [Theory]
    [InlineData("/a;b=c/d", "/a/d")]
    [InlineData(";/x;", "/x")]
    [InlineData("/..;/", "/../")]
    [InlineData("/%3B;x/y", "/%3B/y")]
    public void PathParametersRemove_DropsFromEachSemicolonToTheSegmentsEnd(string path, string expected)
    {
        var output = new byte[path.Length];
        int length = PathParameters.Remove(System.Text.Encoding.ASCII.GetBytes(path), output);
        Assert.Equal(expected, Text(output.AsSpan(0, length)));
    }
}
