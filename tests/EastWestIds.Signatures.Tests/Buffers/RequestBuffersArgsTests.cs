using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

public class RequestBuffersArgsTests
{
    [Fact]
    public void Query_ArgsDecodedWithPlusAsSpace()
    {
        RequestBuffers b = For(FakeRequestView.Get("/s?q=1%27+union+select&empty=&flag&%3Cn%3E=v&&x=%2527"));
        Assert.Equal(["q", "empty", "flag", "<n>", "x"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(["1' union select", "", "", "v", "'"], Values(b, InspectionBuffer.HttpArg));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.DoubleEncoding)); // %2527 is decoded, but a URL-valued parameter holds such escapes too
    }

    [Fact]
    public void Query_OverlongInArg_Shortened()
    {
        RequestBuffers b = For(FakeRequestView.Get("/?f=%c0%ae%c0%ae%c0%afetc"));
        Assert.Equal(["../etc"], Values(b, InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.OverlongUtf8));
    }

    [Fact]
    public void FormPost_QueryAndBodyArgs()
    {
        RequestBuffers b = For(FakeRequestView.Post("/login?next=%2Fhome", "application/x-www-form-urlencoded; charset=UTF-8", "user=admin%27--&pass=a+b"));
        Assert.Equal(["next", "user", "pass"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(["/home", "admin'--", "a b"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal("user=admin%27--&pass=a+b", Single(b, InspectionBuffer.HttpRequestBody));
    }

    [Fact]
    public void NoContentType_FormShapedText_IsReadAsAForm()
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("/submit").WithHeader("Host", "a").WithBody(Encoding.UTF8.GetBytes("name=Zoë&q=1%27")));
        Assert.Equal(["name", "q"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(["Zoë", "1'"], Values(b, InspectionBuffer.HttpArg).Select(v => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(v))));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'=', 0x01, (byte)'b' })] // a control byte
    [InlineData(new byte[] { (byte)'a', (byte)'=', 0xFF, 0xFE, (byte)'&', (byte)'c', (byte)'=', (byte)'d' })] // not UTF-8
    public void NoContentType_BinaryBodyWithAnEqualsSign_IsNotReadAsAForm(byte[] body)
    {
        RequestBuffers b = For(new FakeRequestView().WithTarget("/upload").WithHeader("Host", "a").WithBody(body));
        Assert.Empty(Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(FakeRequestView.Latin1String(body), Single(b, InspectionBuffer.HttpRequestBody));
    }

    [Fact]
    public void JsonPost_NestedKeysValuesAndEscapes()
    {
        const string json = """
            {"user": {"na\u006De": "x\u0027 OR 1=1--", "tags": ["a", "<scr\"ipt>"], "age": 42, "admin": true, "n": null},
             "$where": "sleep(1)", "neg": -1.5e3}
            """;
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json", json));
        Assert.Equal(["user", "name", "tags", "age", "admin", "n", "$where", "neg"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(["x' OR 1=1--", "a", "<scr\"ipt>", "42", "true", "null", "sleep(1)", "-1.5e3"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void JsonPost_WhitespaceBeforeColon_StillAKey_AndRawNulFlagged()
    {
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json", "{\"k\" \n\t: \"x\u0000y\", \"e\":\"\"}"));
        Assert.Equal(["k", "e"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(["x\0y", ""], Values(b, InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.NullByte));
    }

    [Fact]
    public void JsonPost_VendorMediaTypeAndSniffing()
    {
        Assert.Equal(["v"], Values(For(FakeRequestView.Post("/", "application/cloudevents+json", "{\"k\":\"v\"}")), InspectionBuffer.HttpArg));
        Assert.Equal(["v"], Values(For(FakeRequestView.Get("/").WithMethod("POST").WithBody("  [\"v\"]"u8.ToArray())), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void JsonPost_Malformed_FlaggedButPayloadAfterErrorStillSeen()
    {
        RequestBuffers b = For(FakeRequestView.Post("/", "application/json", "{\"id\": 1 OR 1=1, \"q\": \"<svg onload=alert(1)>\"}"));
        string[] args = Values(b, InspectionBuffer.HttpArg);
        Assert.Contains("OR", args);
        Assert.Contains("<svg onload=alert(1)>", args);
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.MalformedJson));
    }

    [Fact]
    public void JsonPost_UnterminatedString_FlaggedUnlessTruncated()
    {
        Assert.True(For(FakeRequestView.Post("/", "application/json", "{\"a\":\"xyz")).AnomaliesAfter(InspectionBuffer.HttpArg).HasFlag(DecodingAnomalies.MalformedJson));
        RequestBuffers truncated = For(FakeRequestView.Post("/", "application/json", "{\"a\":\"xyz").Truncated());
        Assert.Equal(["xyz"], Values(truncated, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.BodyTruncated | DecodingAnomalies.BodyMiddleUninspected, truncated.Anomalies);
    }

    [Fact]
    public void XmlPost_AttributeValuesTextAndCdata_EntitiesDecoded_MarkupSkipped()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r>
            <!-- a comment ' or 1=1 -->
            <r id='7'>
              <a probe="x&quot; OR &apos;1&apos;=&apos;1">3 &lt; 4</a>
              <b><![CDATA[<script>alert(1)</script>]]></b>
            </r>
            """;
        RequestBuffers b = For(FakeRequestView.Post("/soap", "application/xml", xml));
        Assert.Equal(["7", "x\" OR '1'='1", "3 < 4", "<script>alert(1)</script>"], Values(b, InspectionBuffer.HttpArg));
        Assert.Empty(Values(b, InspectionBuffer.HttpArgName));
    }

    [Fact]
    public void XmlPost_VendorMediaTypeSniffingAndUnterminatedMarkup()
    {
        Assert.Equal(["v"], Values(For(FakeRequestView.Post("/", "application/soap+xml; charset=utf-8", "<e>v</e>")), InspectionBuffer.HttpArg));
        Assert.Equal(["v"], Values(For(FakeRequestView.Get("/").WithMethod("POST").WithBody("<?xml version=\"1.0\"?><e>v</e>"u8.ToArray())), InspectionBuffer.HttpArg));
        Assert.Equal(["v", "x"], Values(For(FakeRequestView.Post("/", "text/xml", "<e a=\"v\">x<f b='")), InspectionBuffer.HttpArg));
    }

    private const string MultipartCrlf =
        "--XyZ\r\n" +
        "Content-Disposition: form-data; name=\"title\"\r\n\r\n" +
        "hello ' or 1=1\r\n" +
        "--XyZ\r\n" +
        "Content-Disposition: form-data; name=\"upload\"; filename=\"shell.php\"\r\n" +
        "Content-Type: application/octet-stream\r\n\r\n" +
        "<?php system($_GET['c']); ?>\r\n" +
        "--XyZ--\r\n";

    [Theory]
    [InlineData("multipart/form-data; boundary=XyZ")]
    [InlineData("multipart/form-data; boundary=\"XyZ\"")]
    [InlineData("Multipart/Form-Data;charset=utf-8;BOUNDARY=XyZ")]
    public void Multipart_FieldsAndFiles(string contentType)
    {
        RequestBuffers b = For(FakeRequestView.Post("/up", contentType, MultipartCrlf));
        Assert.Equal(["title"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(["hello ' or 1=1"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["shell.php"], Values(b, InspectionBuffer.FileName));
        Assert.Equal(["<?php system($_GET['c']); ?>"], Values(b, InspectionBuffer.FileData));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void Multipart_FilenameAndExtendedFilename_BothInspected()
    {
        string body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.jpg\"; filename*=UTF-8''sh%65ll.php\r\n\r\nGIF89a<?php\r\n--b\r\n"
            + "Content-Disposition: form-data; name=\"g\"; filename*=utf-8'en'%E2%82%AC.txt\r\n\r\nx\r\n--b--\r\n";
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", body));
        Assert.Equal(["a.jpg", "shell.php", "\u00E2\u0082\u00AC.txt"], Values(b, InspectionBuffer.FileName));
        Assert.Equal(["GIF89a<?php", "x"], Values(b, InspectionBuffer.FileData));
    }

    [Fact]
    public void Multipart_NulInAFile_IsNoAnomaly_InAFieldItIs()
    {
        // Every image, archive and font holds NUL bytes: a file part's content is taken as it is. A field is text a
        // server reads, where a NUL still truncates strings.
        string file = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\nPNG\r\n\u001a\n\0\0\0\rIHDR\r\n--b--\r\n";
        RequestBuffers withFile = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", file));
        Assert.Equal(["PNG\r\n\u001a\n\0\0\0\rIHDR"], Values(withFile, InspectionBuffer.FileData));
        Assert.Equal(DecodingAnomalies.None, withFile.Anomalies);

        string field = "--b\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n../etc/passwd\0.png\r\n--b--\r\n";
        RequestBuffers withField = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", field));
        Assert.Equal(["../etc/passwd\0.png"], Values(withField, InspectionBuffer.HttpArg));
        Assert.True(withField.Anomalies.HasFlag(DecodingAnomalies.NullByte));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData("text/html; charset=utf-8")]
    public void JsonUnderAnotherContentType_ParsedAsJson_SyntaxErrorsNoFinding(string contentType)
    {
        // Go's encoding/json decodes r.Body whatever the Content-Type says; a text/plain body that is no well-formed
        // document is one value as well.
        const string Body = "{\"q\":\"' OR 1=1--\", \"n\": 1 oops}";
        RequestBuffers b = For(FakeRequestView.Post("/api", contentType, Body));
        string[] whole = contentType == "text/plain" ? [Body] : [];
        Assert.Equal(["' OR 1=1--", "1", "oops", .. whole], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["q", "n"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void JsonUnderFormContentType_ParsedBothWays()
    {
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/x-www-form-urlencoded", "{\"q\":\"x=1\"}"));
        Assert.Equal(["1\"}", "x=1"], Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void XmlUnderAnotherContentType_ParsedAsXml()
    {
        RequestBuffers b = For(FakeRequestView.Post("/api", "text/html", "<?xml version=\"1.0\"?><q>' OR 1=1--</q>"));
        Assert.Equal(["' OR 1=1--"], Values(b, InspectionBuffer.HttpArg));
    }

    [Theory]
    [InlineData("application/octet-stream", "{\u0001\u0002\"q\":\"x\"}")] // control bytes: binary
    [InlineData("application/octet-stream", "[\u00FF\"q\"]")] // not UTF-8
    [InlineData("text/markdown", "Dear {name}, your order shipped.")] // not shaped like a document at its start
    [InlineData("text/csv", "id,name\n1,{x}")]
    public void NoDocument_NoArguments(string contentType, string body)
    {
        Assert.Empty(Values(For(FakeRequestView.Post("/api", contentType, body)), InspectionBuffer.HttpArg));
    }

    [Theory]
    [InlineData("base64", "JyBPUiAx\r\nPTEtLQ==")]
    [InlineData("Quoted-Printable", "=27=20OR=201=3D1-=\r\n-")]
    public void Multipart_TransferEncodedPart_InspectedAsSentAndDecoded(string transfer, string content)
    {
        // Go's mime/multipart undoes quoted-printable, python-multipart both; Java and PHP read the part as sent.
        string body = $"--b\r\nContent-Disposition: form-data; name=\"q\"\r\nContent-Transfer-Encoding: {transfer}\r\n\r\n{content}\r\n"
            + $"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.php\"\r\ncontent-transfer-encoding:{transfer} \r\n\r\n{content}\r\n--b--\r\n";
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", body));
        Assert.Equal([content, "' OR 1=1--"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal([content, "' OR 1=1--"], Values(b, InspectionBuffer.FileData));
        Assert.Equal(["q"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Theory]
    [InlineData("7bit")]
    [InlineData("8bit")]
    [InlineData("binary")]
    public void Multipart_IdentityTransferEncoding_OneValue(string transfer)
    {
        string body = $"--b\r\nContent-Disposition: form-data; name=\"q\"\r\nContent-Transfer-Encoding: {transfer}\r\n\r\nJyBP=27\r\n--b--\r\n";
        Assert.Equal(["JyBP=27"], Values(For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", body)), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void Multipart_LfLineEnds_AndPreamble()
    {
        string body = "preamble\n" + MultipartCrlf.Replace("\r\n", "\n");
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=XyZ", body));
        Assert.Equal(["hello ' or 1=1"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["<?php system($_GET['c']); ?>"], Values(b, InspectionBuffer.FileData));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void Multipart_MissingFinalBoundary_FlaggedAndLastPartKept()
    {
        string body = MultipartCrlf[..MultipartCrlf.IndexOf("\r\n--XyZ--", StringComparison.Ordinal)];
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=XyZ", body));
        Assert.Equal(["<?php system($_GET['c']); ?>"], Values(b, InspectionBuffer.FileData));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.MalformedMultipart));

        RequestBuffers truncated = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=XyZ", body).Truncated());
        Assert.Equal(DecodingAnomalies.BodyTruncated | DecodingAnomalies.BodyMiddleUninspected, truncated.AnomaliesAfter(InspectionBuffer.FileData));
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=Other")]
    public void Multipart_NoBoundary_Flagged(string contentType)
    {
        RequestBuffers b = For(FakeRequestView.Post("/up", contentType, MultipartCrlf));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.MalformedMultipart));
    }

    /// <summary>Past the budget of parts the anomaly is flagged, but the later parts are read: junk parts before the
    /// payload's part must not hide it.</summary>
    [Fact]
    public void Multipart_PartBudget_AtLimitAndOver()
    {
        var body = new StringBuilder();
        for (int i = 0; i < 3; i++)
        {
            body.Append($"--B\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv{i}\r\n");
        }

        body.Append("--B--\r\n");
        var atLimit = For(FakeRequestView.Post("/", "multipart/form-data; boundary=B", body.ToString()), RequestBufferLimits.Default with { MaxMultipartParts = 3 });
        Assert.Equal(["v0", "v1", "v2"], Values(atLimit, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.None, atLimit.Anomalies);

        var over = For(FakeRequestView.Post("/", "multipart/form-data; boundary=B", body.ToString()), RequestBufferLimits.Default with { MaxMultipartParts = 2 });
        Assert.Equal(["v0", "v1", "v2"], Values(over, InspectionBuffer.HttpArg));
        Assert.True(over.Anomalies.HasFlag(DecodingAnomalies.MalformedMultipart));
    }

    /// <summary>
    /// Past the budget the first three quarters and the newest quarter are kept: an attacker pads a request with junk
    /// arguments before the payload, and the server behind reads them all.
    /// </summary>
    [Theory]
    [InlineData(8, 8, "1 2 3 4 5 6 7 8")]
    [InlineData(8, 9, "1 2 3 4 5 6 9 8")]
    [InlineData(8, 10, "1 2 3 4 5 6 9 10")]
    [InlineData(8, 11, "1 2 3 4 5 6 11 10")]
    [InlineData(8, 1000, "1 2 3 4 5 6 999 1000")]
    [InlineData(4, 6, "1 2 3 6")]
    [InlineData(3, 5, "1 2 3")] // no quarter left for the newest
    public void Args_Budget_KeepsTheFirstAndTheNewest(int budget, int count, string kept)
    {
        var limits = RequestBufferLimits.Default with { MaxArgs = budget };
        string query = string.Join('&', Enumerable.Range(1, count).Select(i => $"p{i}={i}"));
        RequestBuffers b = For(FakeRequestView.Get("/?" + query), limits);

        Assert.Equal(kept.Split(' '), Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(kept.Split(' ').Select(v => "p" + v), Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(count > budget, b.Anomalies.HasFlag(DecodingAnomalies.TooManyArgs));
    }

    /// <summary>The newest arguments are kept whichever part of the request carries them, decoded or not.</summary>
    [Fact]
    public void Args_Budget_PayloadAfterPadding_InEveryBodyKind()
    {
        var limits = RequestBufferLimits.Default with { MaxArgs = 16 };
        string pairs = string.Join('&', Enumerable.Range(0, 100).Select(i => $"p{i}=x"));
        string json = "{\"pad\":[" + string.Join(',', Enumerable.Repeat("1", 100)) + "],\"q\":\"1\\u0027 or 1=1\"}";
        string xml = "<r>" + string.Concat(Enumerable.Range(0, 100).Select(i => $"<p>{i}</p>")) + "<q>1&apos; or 1=1</q></r>";
        var multipart = new StringBuilder();
        for (int i = 0; i < 100; i++)
        {
            multipart.Append($"--B\r\nContent-Disposition: form-data; name=\"p{i}\"\r\n\r\nx\r\n");
        }

        multipart.Append("--B\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n1' or 1=1\r\n--B--\r\n");
        RequestBuffers[] requests =
        [
            For(FakeRequestView.Get("/?" + pairs + "&q=1%27%20or%201%3D1"), limits),
            For(FakeRequestView.Post("/", "application/x-www-form-urlencoded", pairs + "&q=1%27+or+1%3D1"), limits),
            For(FakeRequestView.Post("/", "application/json", json), limits),
            For(FakeRequestView.Post("/", "application/xml", xml), limits),
            For(FakeRequestView.Post("/", "multipart/form-data; boundary=B", multipart.ToString()), limits with { MaxMultipartParts = 8 }),
        ];

        foreach (RequestBuffers b in requests)
        {
            Assert.Contains("1' or 1=1", Values(b, InspectionBuffer.HttpArg));
            Assert.Equal(16, b.Count(InspectionBuffer.HttpArg));
            Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.TooManyArgs));
        }
    }

    [Fact]
    public void DecodedBytesBudget_AtLimitAndOver()
    {
        // "%41%41%41" decodes to 3 bytes; nothing else of this request goes to the arena when only http.arg is read.
        var exact = For(FakeRequestView.Get("/?a=%41%41%41"), RequestBufferLimits.Default with { MaxDecodedBytes = 9 });
        Assert.Equal(["AAA"], Values(exact, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.None, exact.Anomalies);

        var over = For(FakeRequestView.Get("/?a=%41%41%41"), RequestBufferLimits.Default with { MaxDecodedBytes = 8 });
        Assert.Equal(["AA%4"], Values(over, InspectionBuffer.HttpArg));
        Assert.True(over.Anomalies.HasFlag(DecodingAnomalies.DecodeBudgetExceeded));
    }
}

internal static class RequestBuffersTestExtensions
{
    public static DecodingAnomalies AnomaliesAfter(this RequestBuffers buffers, InspectionBuffer buffer)
    {
        buffers.Count(buffer);
        return buffers.Anomalies;
    }
}
