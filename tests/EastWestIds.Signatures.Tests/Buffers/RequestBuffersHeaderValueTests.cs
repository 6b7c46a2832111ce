using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary><c>http.header_value</c>: the values of the fields a service reads as data, and not of the standard ones.</summary>
public class RequestBuffersHeaderValueTests
{
    [Fact]
    public void ApplicationFields_OneValueEach_InOrder_AsSent()
    {
        RequestBuffers b = For(FakeRequestView.Get("/api")
            .WithHeader("x-forwarded-for", "203.0.113.7, 10.1.0.52")
            .WithHeader("X-Tenant-Id", "acme%27")
            .WithHeader("Grpc-Metadata-X-User-Id", "42")
            .WithHeader("baggage", "user=alice")
            .WithHeader("x-empty", ""));

        Assert.Equal(["203.0.113.7, 10.1.0.52", "acme%27", "42", "user=alice"], Values(b, InspectionBuffer.HttpHeaderValue));
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("Cookie")]
    [InlineData("User-Agent")]
    [InlineData("Referer")]
    [InlineData("Content-Type")]
    [InlineData("Authorization")]
    [InlineData("PROXY-AUTHORIZATION")]
    [InlineData("x-forwarded-client-cert")]
    [InlineData("Prefer")]
    [InlineData("traceparent")]
    [InlineData("X-B3-TraceId")]
    [InlineData("x-envoy-attempt-count")]
    [InlineData("Sec-CH-UA")]
    [InlineData("sec-fetch-mode")]
    [InlineData("grpc-timeout")]
    [InlineData("x-request-id")]
    [InlineData("Access-Control-Request-Headers")]
    public void StandardFields_LeftOut(string name)
    {
        RequestBuffers b = For(FakeRequestView.Get("/api").WithHeader(name, "1' OR '1'='1"));

        Assert.Empty(Values(b, InspectionBuffer.HttpHeaderValue));
    }

    [Theory]
    [InlineData("x-forwarded-for", false)]
    [InlineData("x-forwarded-host", false)]
    [InlineData("x-b3", false)]
    [InlineData("x-envoy", false)]
    [InlineData("sec", false)]
    [InlineData("grpc-metadata-x-user-id", false)]
    [InlineData("x", false)]
    [InlineData("IF-NONE-MATCH", true)]
    [InlineData("want-repr-digest", true)]
    [InlineData("x-envoy-", false)]
    [InlineData("x-envoy-original-path", true)]
    public void StandardHeaderFields_ByNameIgnoringCase(string name, bool standard)
    {
        Assert.Equal(standard, StandardHeaderFields.Contains(System.Text.Encoding.ASCII.GetBytes(name)));
    }
}
