using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// The tail of a body longer than what was kept (its head and its last bytes): a body value, arguments read from where
/// a parser could take the body up again, and the finding for the middle nobody read.
/// </summary>
public class RequestBuffersBodyTailTests
{
    private const string Payload = "1' UNION SELECT password FROM users--";

    private static FakeRequestView Padded(string contentType, string head, string tail) =>
        FakeRequestView.Post("/api", contentType, head).WithTail(tail);

    [Fact]
    public void Form_PairsAfterTheFirstAmpersand_AreArguments_TheCutOneIsNot()
    {
        RequestBuffers b = For(Padded("application/x-www-form-urlencoded", "pad=aaaa", "aaaa&id=1%27%20UNION%20SELECT%20password%20FROM%20users--&page=2"));

        Assert.Equal(["aaaa", Payload, "2"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["pad", "id", "page"], Values(b, InspectionBuffer.HttpArgName));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.BodyMiddleUninspected));
    }

    [Fact]
    public void Body_TheTailIsAFurtherValue()
    {
        RequestBuffers b = For(Padded("text/plain", "head text", "tail text"));

        Assert.Equal(["head text", "tail text"], Values(b, InspectionBuffer.HttpRequestBody));
    }

    [Fact]
    public void Json_CutInsideAString_ReadFromAfterItsFirstQuote()
    {
        RequestBuffers b = For(Padded("application/json", "{\"pad\":\"aaaa", $"aaaa\",\"id\":\"{Payload}\"}}"));

        Assert.Contains(Payload, Values(b, InspectionBuffer.HttpArg));
        Assert.Contains("id", Values(b, InspectionBuffer.HttpArgName));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.MalformedJson)); // the tail starts mid-document by construction
    }

    [Fact]
    public void Json_CutOutsideAString_ReadFromItsStart()
    {
        RequestBuffers b = For(Padded("application/json", "{\"pad\":[1,2", $"3,4],\"id\":\"{Payload}\"}}"));

        Assert.Contains(Payload, Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void JsonWithoutContentType_HoldingAnEqualsSign_TailReadAsJsonLikeItsHead()
    {
        // Form-shaped (an '=') and JSON-shaped at once: the head is read as JSON, so the tail must be too.
        FakeRequestView view = FakeRequestView.Get("/api").WithMethod("POST").WithBody(FakeRequestView.Latin1("{\"pad\":\"a=aaaa"))
            .WithTail($"aaaa\",\"id\":\"{Payload}\"}}");

        Assert.Contains(Payload, Values(For(view), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void Multipart_PartsAfterTheFirstDelimiter()
    {
        string tail = $"aaaa\r\n--XX\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n{Payload}\r\n--XX\r\n"
            + "Content-Disposition: form-data; name=\"f\"; filename=\"shell.php\"\r\n\r\n<?php system($_GET['c']); ?>\r\n--XX--\r\n";
        RequestBuffers b = For(Padded("multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"pad\"; filename=\"a.bin\"\r\n\r\naaaa", tail));

        Assert.Contains(Payload, Values(b, InspectionBuffer.HttpArg));
        Assert.Contains("shell.php", Values(b, InspectionBuffer.FileName));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.MalformedMultipart));
    }

    [Fact]
    public void Xml_FromTheFirstElement()
    {
        RequestBuffers b = For(Padded("application/xml", "<r><pad>aaaa", $"aaaa</pad><id>{Payload}</id></r>"));

        Assert.Contains(Payload, Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void ContentCodedBody_TailNotRead_MiddleStillAFinding()
    {
        RequestBuffers b = For(Padded("application/json", "\u001f\u008b\b\0", "compressed bytes").WithHeader("Content-Encoding", "gzip"));

        Assert.DoesNotContain("compressed bytes", Values(b, InspectionBuffer.HttpRequestBody));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.BodyMiddleUninspected));
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("image/png")]
    [InlineData("application/grpc")]
    public void OpaqueOrStreamingMedia_NoFinding_TailStillABodyValue(string contentType)
    {
        RequestBuffers b = For(Padded(contentType, "head bytes", "tail bytes"));

        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.BodyMiddleUninspected));
        Assert.Contains("tail bytes", Values(b, InspectionBuffer.HttpRequestBody));
    }

    [Theory]
    [InlineData("")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=XX")]
    [InlineData("application/problem+json")]
    [InlineData("text/xml; charset=utf-8")]
    [InlineData("text/plain")]
    public void ArgumentOrTextMedia_MiddleIsAFinding(string contentType)
    {
        FakeRequestView view = contentType.Length == 0
            ? FakeRequestView.Get("/api").WithMethod("POST").WithBody(FakeRequestView.Latin1("a=1")).WithTail("2&b=3")
            : Padded(contentType, "a=1", "2&b=3");

        RequestBuffers b = For(view);
        _ = b.Count(InspectionBuffer.HttpRequestBody); // anomalies are those of the buffers read

        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.BodyMiddleUninspected));
    }

    [Fact]
    public void BodyKeptWhole_NoTail_NoFinding()
    {
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json", $"{{\"id\":\"{Payload}\"}}"));

        Assert.Equal([Payload], Values(b, InspectionBuffer.HttpArg));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.BodyMiddleUninspected));
    }
}
