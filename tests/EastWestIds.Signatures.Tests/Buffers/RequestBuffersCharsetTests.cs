using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Tests.Decoding;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>Bodies in UTF-16, UTF-32 and EBCDIC: inspected as sent and, transcoded to UTF-8, as a second body value with its arguments.</summary>
public class RequestBuffersCharsetTests
{
    private const string Json = "{\"name\":\"Zoë\",\"q\":\"' OR 1=1--\"}";
    private const string Form = "name=Zo%C3%AB&q=%27+OR+1%3D1--";

    private static readonly Encoding Utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
    private static readonly Encoding Ebcdic037 = CodePagesEncodingProvider.Instance.GetEncoding(37)!;

    private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static string[] Utf8Values(RequestBuffers b, InspectionBuffer buffer) =>
        [.. Enumerable.Range(0, b.Count(buffer)).Select(i => Utf8(b.Get(buffer, i)))];

    [Fact]
    public void Utf16Json_BodyAsSentThenInUtf8_ArgumentsFromTheUtf8Text()
    {
        byte[] body = Utf16.GetBytes(Json);
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json", body));

        Assert.Equal(2, b.Count(InspectionBuffer.HttpRequestBody));
        Assert.Equal(body, b.Get(InspectionBuffer.HttpRequestBody, 0).ToArray());
        Assert.Equal(Json, Utf8(b.Get(InspectionBuffer.HttpRequestBody, 1)));
        string[] args = Utf8Values(b, InspectionBuffer.HttpArg);
        Assert.Contains("' OR 1=1--", args);
        Assert.Contains("Zoë", args);
        Assert.Contains("q", Values(b, InspectionBuffer.HttpArgName));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
    }

    /// <summary>
    /// When the bytes show the encoding (a mark, the NUL pattern), the body's arguments come from its text alone: read
    /// as sent they were NULs and fragments, and a benign UTF-16 or UTF-32 document raised NUL-byte and malformed-JSON
    /// findings (found by the arguments fuzz target).
    /// </summary>
    [Theory]
    [InlineData("application/json", "utf-16le", false)]
    [InlineData("application/json", "utf-16be", true)]
    [InlineData("application/json; charset=utf-16", "utf-16le", true)]
    [InlineData("application/json", "utf-32le", false)]
    [InlineData("application/json", "utf-32be", true)]
    [InlineData("application/xml", "utf-16le", true)]
    public void UnicodeBodyShownByItsBytes_ArgumentsOnlyFromItsText(string contentType, string encoding, bool mark)
    {
        Encoding charset = encoding switch
        {
            "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            "utf-32le" => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            _ => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        };
        string text = contentType.EndsWith("xml", StringComparison.Ordinal)
            ? "<?xml version=\"1.0\" encoding=\"UTF-16\"?><order><customer>Zoë</customer><note>leave at door</note></order>"
            : "{\"customer\":\"Zoë\",\"items\":[{\"sku\":\"SKU-1\",\"qty\":2}],\"note\":\"leave at door\"}";
        byte[] body = [.. mark ? charset.GetPreamble() : [], .. charset.GetBytes(text)];
        RequestBuffers b = For(FakeRequestView.Post("/api", contentType, body));

        Assert.Equal(body, b.Get(InspectionBuffer.HttpRequestBody, 0).ToArray()); // the body as sent is still a value
        string[] expected = contentType.EndsWith("xml", StringComparison.Ordinal) ? ["Zoë", "leave at door"] : ["Zoë", "SKU-1", "2", "leave at door"];
        Assert.Equal(expected, Utf8Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.TranscodedCharset, b.Anomalies);
    }

    [Fact]
    public void CharsetOnlyDeclared_ArgumentsAlsoReadAsSent()
    {
        // A UTF-8 body with a false claim (a byte from 0x80 on lets the claim stand): a server that ignores the claim
        // reads the injection as sent, so the arguments as sent are kept beside the transcoded text's.
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json; charset=utf-16", Encoding.UTF8.GetBytes("{\"q\":\"Zoë' OR 1=1--\"}")));
        Assert.Contains("Zoë' OR 1=1--", Utf8Values(b, InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
    }

    [Fact]
    public void Utf16FormWithMark_ArgumentsDecoded()
    {
        byte[] body = [.. new UnicodeEncoding(true, true).GetPreamble(), .. new UnicodeEncoding(true, false).GetBytes(Form)];
        RequestBuffers b = For(FakeRequestView.Post("/f", "application/x-www-form-urlencoded", body));
        Assert.Equal(Form, Utf8(b.Get(InspectionBuffer.HttpRequestBody, 1))); // the mark is not text
        Assert.Contains("' OR 1=1--", Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void DeclaredEbcdicForm_ArgumentsDecoded()
    {
        RequestBuffers b = For(FakeRequestView.Post("/f", "application/x-www-form-urlencoded; charset=ibm037", Ebcdic037.GetBytes(Form)));
        Assert.Equal(Form, Utf8(b.Get(InspectionBuffer.HttpRequestBody, 1)));
        Assert.Contains("' OR 1=1--", Values(b, InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
    }

    /// <summary>
    /// A real EBCDIC form read as sent is bytes no server meant: a capital letter (0xC1–0xC9) before a small one
    /// (0x81–0xA9) is overlong UTF-8, which flagged a benign form with high severity. The bytes as sent are still read
    /// (a false claim hides nothing from a server that ignores it), but only the text's reading reports anomalies.
    /// </summary>
    [Fact]
    public void DeclaredEbcdicForm_TheBytesAsSentRaiseNoDecodingAnomaly()
    {
        RequestBuffers b = For(FakeRequestView.Post("/f", "application/x-www-form-urlencoded; charset=ibm037", Ebcdic037.GetBytes("customer=Ana&note=Leave+at+the+door")));
        Assert.Contains("Leave at the door", Utf8Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.TranscodedCharset, b.Anomalies);
    }

    [Fact]
    public void FalseEbcdicClaim_TheBytesAsSentStillGiveTheirArguments()
    {
        // UTF-8 (a byte from 0x80 on lets the claim stand) with overlong dots: a server that ignores the claim reads the traversal.
        RequestBuffers b = For(FakeRequestView.Post("/f", "application/x-www-form-urlencoded; charset=ibm037", Encoding.UTF8.GetBytes("name=Zoë&file=%C0%AE%C0%AE/etc/passwd")));
        Assert.Contains("../etc/passwd", Utf8Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void EbcdicXml_TextNodesDecoded()
    {
        byte[] body = Ebcdic037.GetBytes("<?xml version=\"1.0\" encoding=\"IBM037\"?><order><note>' OR 1=1--</note></order>");
        RequestBuffers b = For(FakeRequestView.Post("/soap", "text/xml", body));
        Assert.Contains("' OR 1=1--", Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void CompressedUtf16_DecompressedThenTranscoded()
    {
        byte[] body = ContentDecompressorTests.Compress(ContentCoding.Gzip, Utf16.GetBytes(Json));
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json", body).WithHeader("Content-Encoding", "gzip"));
        Assert.Equal(Json, Utf8(b.Get(InspectionBuffer.HttpRequestBody, 1)));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=ibm037")]
    public void Utf8Json_OneBodyValue_NothingFlagged(string contentType)
    {
        RequestBuffers b = For(FakeRequestView.Post("/api", contentType, Encoding.ASCII.GetBytes("{\"q\":\"' OR 1=1--\"}")));
        Assert.Equal("{\"q\":\"' OR 1=1--\"}", Single(b, InspectionBuffer.HttpRequestBody));
        Assert.Equal(["' OR 1=1--"], Values(b, InspectionBuffer.HttpArg));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
    }

    [Fact]
    public void QueryArguments_ComeFirstAndOnce()
    {
        RequestBuffers b = For(FakeRequestView.Post("/api?page=2", "application/json", Utf16.GetBytes("{\"q\":\"x\"}")));
        string[] args = Values(b, InspectionBuffer.HttpArg);
        Assert.Equal("2", args[0]);
        Assert.Single(args, "2");
        Assert.Equal("x", args[^1]);
    }

    [Theory]
    [InlineData("application/json", "{\"q\":\"' OR 1=1--\"}")]
    [InlineData("", "{\"q\":\"' OR 1=1--\"}")]
    [InlineData("", "<?xml version=\"1.0\"?><q>' OR 1=1--</q>")]
    [InlineData("application/x-www-form-urlencoded", "q=%27+OR+1%3D1--")]
    public void Utf8ByteOrderMark_SkippedByTheArgumentParsers(string contentType, string text)
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
        FakeRequestView view = contentType.Length == 0
            ? FakeRequestView.Get("/api").WithMethod("POST").WithBody(body)
            : FakeRequestView.Post("/api", contentType, body);
        RequestBuffers b = For(view);
        Assert.Equal(["' OR 1=1--"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    /// <summary>
    /// A multipart field in the charset its part declares, or failing that the body's: its content in UTF-8 too; in
    /// UTF-8 only when its bytes show the UTF-16 themselves (here the NUL pattern of ASCII text).
    /// </summary>
    [Theory]
    [InlineData("utf-16le", "text/plain; charset=utf-16", "")]
    [InlineData("utf-16be", "text/plain; charset=\"UTF-16\"", "")]
    [InlineData("ibm037", "text/plain; charset=IBM037", "")]
    [InlineData("ibm037", null, "; charset=cp037")]
    public void MultipartField_InItsDeclaredCharset_AlsoReadInUtf8(string encoding, string? partContentType, string bodyParameter)
    {
        Encoding charset = encoding switch
        {
            "utf-16le" => Utf16,
            "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false),
            _ => Ebcdic037,
        };
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"q\"\r\n"
                + (partContentType is null ? "" : $"Content-Type: {partContentType}\r\n") + "\r\n"),
            .. charset.GetBytes("' OR 1=1--"),
            .. Encoding.ASCII.GetBytes("\r\n--b--\r\n"),
        ];
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b" + bodyParameter, body));

        Assert.Equal(["q"], Values(b, InspectionBuffer.HttpArgName));
        bool utf16 = charset is UnicodeEncoding;
        Assert.Equal(utf16 ? 1 : 2, b.Count(InspectionBuffer.HttpArg));
        if (!utf16)
        {
            Assert.Equal(charset.GetBytes("' OR 1=1--"), b.Get(InspectionBuffer.HttpArg, 0).ToArray());
        }

        Assert.Equal("' OR 1=1--", Utf8(b.Get(InspectionBuffer.HttpArg, utf16 ? 0 : 1)));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.NullByte));
    }

    /// <summary>
    /// A benign field as .NET's <c>StringContent(text, Encoding.Unicode)</c> sends it inside <c>MultipartFormDataContent</c>
    /// (UTF-16LE, no byte order mark, <c>charset=utf-16</c>): its text in UTF-8, no NUL finding (it raised 9100044).
    /// UTF-16 bytes that only the claim names (no NUL pattern: text that is not ASCII) are read as sent too.
    /// </summary>
    [Theory]
    [InlineData("Meeting moved to Thursday", 1)]
    [InlineData("\u4f1a\u8bae\u6539\u5230\u5468\u56db", 2)]
    public void MultipartField_ShowingItsDeclaredUtf16_IsReadInUtf8Only(string text, int values)
    {
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n"),
            .. Utf16.GetBytes(text),
            .. Encoding.ASCII.GetBytes("\r\n--b--\r\n"),
        ];
        RequestBuffers b = For(FakeRequestView.Post("/notes", "multipart/form-data; boundary=b", body));

        Assert.Equal(values, b.Count(InspectionBuffer.HttpArg));
        Assert.Equal(text, Utf8(b.Get(InspectionBuffer.HttpArg, values - 1)));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.NullByte));
    }

    /// <summary>
    /// RFC 7578 §4.6's <c>_charset_</c> field names the charset of the fields that declare none, before or after it
    /// (Jetty 12 takes the first such field for all): those fields are read in UTF-8 too; one with a charset of its own
    /// keeps it; a <c>_charset_</c> naming UTF-8, or a file part named so, changes nothing.
    /// </summary>
    [Theory]
    [InlineData("UTF-16LE", true, true)]
    [InlineData("utf-16le", false, true)]
    [InlineData(" IBM037\r\n", true, true)]
    [InlineData("utf-8", true, false)]
    public void MultipartCharsetField_NamesTheCharsetOfTheFieldsThatDeclareNone(string named, bool charsetFieldLast, bool transcoded)
    {
        Encoding charset = named.Contains("037", StringComparison.Ordinal) ? Ebcdic037 : Utf16;
        byte[] field = [.. Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n"), .. charset.GetBytes("' OR 1=1--"), .. "\r\n"u8];
        byte[] charsetField = Encoding.ASCII.GetBytes($"--b\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\n{named}\r\n");
        byte[] body = charsetFieldLast ? [.. field, .. charsetField, .. "--b--\r\n"u8] : [.. charsetField, .. field, .. "--b--\r\n"u8];
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", body));

        string[] args = Values(b, InspectionBuffer.HttpArg);
        Assert.Equal(transcoded, args.Contains("' OR 1=1--"));
        Assert.Equal(transcoded, b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
    }

    [Fact]
    public void MultipartCharsetField_APartsOwnCharsetWins_AndAFileNamedSoIsNoCharsetField()
    {
        string Part(string disposition, string headers, string content) => $"--b\r\nContent-Disposition: form-data; {disposition}\r\n{headers}\r\n{content}\r\n";
        string body = Part("name=\"_charset_\"; filename=\"c.txt\"", "", "ibm037")
            + Part("name=\"_charset_\"", "", "utf-16le")
            + Part("name=\"a\"", "Content-Type: text/plain; charset=ibm037\r\n", Text(Ebcdic037.GetBytes("Zoë")))
            + Part("name=\"b\"", "", Text(Utf16.GetBytes("Zoë")))
            + "--b--\r\n";
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", Encoding.Latin1.GetBytes(body)));

        string[] args = Values(b, InspectionBuffer.HttpArg);
        Assert.Equal(2, args.Count(a => a == Text(Encoding.UTF8.GetBytes("Zoë"))));
    }

    /// <summary>
    /// A field whose UTF-8 form fits the decoding budget is no budget finding, though three bytes a byte would not fit;
    /// one that does not fit is cut and flagged.
    /// </summary>
    [Theory]
    [InlineData(2_000, false)]
    [InlineData(4_000, true)]
    public void MultipartField_InItsDeclaredCharset_FlagsTheBudgetOnlyWhenItsUtf8DoesNotFit(int length, bool flagged)
    {
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"q\"\r\nContent-Type: text/plain; charset=ibm037\r\n\r\n"),
            .. Ebcdic037.GetBytes(new string('x', length)),
            .. Encoding.ASCII.GetBytes("\r\n--b--\r\n"),
        ];
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", body), RequestBufferLimits.Default with { MaxDecodedBytes = 3_000 });

        Assert.Equal(Math.Min(length, 3_000), b.Get(InspectionBuffer.HttpArg, 1).Length);
        Assert.Equal(flagged, b.Anomalies.HasFlag(DecodingAnomalies.DecodeBudgetExceeded));
    }

    /// <summary>
    /// ASCII text declared EBCDIC is read as sent only (as a body is: read as IBM037 it would be punctuation soup), and a
    /// file part's bytes are never transcoded (an upload's own encoding is the application's business).
    /// </summary>
    [Fact]
    public void MultipartParts_AsciiFieldDeclaredEbcdic_AndFilePart_ReadAsSent()
    {
        string body = "--b\r\nContent-Disposition: form-data; name=\"q\"\r\nContent-Type: text/plain; charset=ibm037\r\n\r\nred shoes\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: text/plain; charset=utf-16\r\n\r\nd\0a\0t\0a\0\r\n--b--\r\n";
        RequestBuffers b = For(FakeRequestView.Post("/up", "multipart/form-data; boundary=b", body));

        Assert.Equal(["red shoes"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(1, b.Count(InspectionBuffer.FileData));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.TranscodedCharset));
    }

    [Fact]
    public void NextRequest_ForgetsTheTranscodedBody()
    {
        var b = new RequestBuffers();
        b.Reset(FakeRequestView.Post("/api", "application/json", Utf16.GetBytes(Json)));
        Assert.Equal(2, b.Count(InspectionBuffer.HttpRequestBody));
        b.Reset(FakeRequestView.Post("/api", "application/json", "{\"a\":1}"));
        Assert.Equal("{\"a\":1}", Single(b, InspectionBuffer.HttpRequestBody));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }
}
