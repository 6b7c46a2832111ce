using System.Text;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class BodyCharsetTests
{
    private const string Json = "{\"q\":\"' OR 1=1--\"}";

    private static readonly Encoding Ebcdic037 = CodePagesEncodingProvider.Instance.GetEncoding(37)!;

    private static Encoding? Detect(string contentType, byte[] body) => Detect(contentType, body, out _);

    private static Encoding? Detect(string contentType, byte[] body, out int preamble) =>
        BodyCharset.Detect(Encoding.Latin1.GetBytes(contentType), body, out preamble, out _);

    private static byte[] Bytes(Encoding encoding, string text, bool mark = false) =>
        [.. mark ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)];

    public static TheoryData<string, bool, int, int> Unicode() => new()
    {
        // encoding, big-endian, bytes per unit, expected preamble (with a mark)
        { "utf-16", false, 2, 2 },
        { "utf-16", true, 2, 2 },
        { "utf-32", false, 4, 4 },
        { "utf-32", true, 4, 4 },
    };

    private static Encoding Make(string family, bool bigEndian, bool mark) => family == "utf-16"
        ? new UnicodeEncoding(bigEndian, mark)
        : new UTF32Encoding(bigEndian, mark);

    [Theory]
    [MemberData(nameof(Unicode))]
    public void ByteOrderMark_NamesTheEncodingAndIsSkipped(string family, bool bigEndian, int unit, int mark)
    {
        Encoding encoding = Make(family, bigEndian, mark: true);
        Encoding? found = Detect("application/json", Bytes(encoding, Json, mark: true), out int preamble);
        Assert.NotNull(found);
        Assert.Equal(mark, preamble);
        Assert.Equal(Json, found.GetString(Bytes(encoding, Json, mark: true)[preamble..]));
        Assert.Equal(unit, found.GetByteCount("a"));
    }

    [Theory]
    [MemberData(nameof(Unicode))]
    public void NulPattern_OfUnmarkedJsonXmlAndForms_NamesTheEncoding(string family, bool bigEndian, int unit, int mark)
    {
        _ = mark;
        Encoding encoding = Make(family, bigEndian, mark: false);
        foreach (string contentType in new[] { "application/json", "application/problem+json", "text/xml", "application/soap+xml", "application/x-www-form-urlencoded", "text/plain", "" })
        {
            Encoding? found = Detect(contentType, Bytes(encoding, Json), out int preamble);
            Assert.NotNull(found);
            Assert.Equal(0, preamble);
            Assert.Equal(Json, found.GetString(Bytes(encoding, Json)));
            Assert.Equal(unit, found.GetByteCount("a"));
        }
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("application/zip")]
    [InlineData("multipart/form-data; boundary=x")]
    public void BinaryOrMultipartBody_ReadAsSent(string contentType)
    {
        Assert.Null(Detect(contentType, Bytes(new UnicodeEncoding(false, true), Json, mark: true)));
        Assert.Null(Detect(contentType + "; charset=utf-16", Bytes(Encoding.Unicode, Json)));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=windows-1252")]
    [InlineData("application/json; charset=x-IA5-German")]
    [InlineData("")]
    public void Utf8AndAsciiCompatibleBodies_ReadAsSent(string contentType)
    {
        Assert.Null(Detect(contentType, Encoding.UTF8.GetBytes("{\"name\":\"Zoë O'Brien\",\"q\":\"' OR 1=1--\"}")));
        Assert.Null(Detect(contentType, Encoding.Latin1.GetBytes("{\"name\":\"Zoë\"}")));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=ibm037")]
    [InlineData("application/x-www-form-urlencoded;charset=\"IBM037\"")]
    [InlineData("application/json; foo=bar; charset = cp037")]
    [InlineData("text/plain; charset='ebcdic-cp-us'")]
    [InlineData("application/json; charset=csIBM037")]
    [InlineData("application/json; charset=ibm-37")]
    public void DeclaredEbcdic_WithEbcdicText_NamesIt(string contentType)
    {
        Encoding? found = Detect(contentType, Ebcdic037.GetBytes("q=' OR 1=1--"));
        Assert.NotNull(found);
        Assert.Equal(37, found.CodePage);
    }

    [Theory]
    [InlineData("ibm500", 500)]
    [InlineData("cp500", 500)]
    [InlineData("ebcdic-cp-be", 500)]
    [InlineData("IBM01140", 1140)]
    [InlineData("ibm1140", 1140)]
    [InlineData("cp1140", 1140)]
    [InlineData("ibm1047", 1047)]
    [InlineData("IBM01047", 1047)]
    [InlineData("ibm273", 20273)]
    [InlineData("ebcdic-cp-fr", 20297)]
    public void DeclaredEbcdic_AliasesResolve(string charset, int codePage)
    {
        Encoding? found = Detect($"application/x-www-form-urlencoded; charset={charset}", [0x81, 0x82, 0x83]);
        Assert.NotNull(found);
        Assert.Equal(codePage, found.CodePage);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=ibm037")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=utf-32le")]
    public void DeclaredButPlainAscii_ReadAsSent(string contentType)
    {
        // In EBCDIC and UTF-16 every ASCII letter or digit holds a NUL or a byte from 0x80 on: no server that decodes
        // this body as declared finds a payload in it, and one that ignores the charset reads these very bytes.
        Assert.Null(Detect(contentType, Encoding.ASCII.GetBytes("q=' OR 1=1--&page=2")));
    }

    [Theory]
    [InlineData("utf-16", true)]
    [InlineData("UTF-16", false)]
    [InlineData("ucs-2", true)]
    [InlineData("unicode", false)]
    public void DeclaredUnicodeWithoutOrder_ByteOrderReadOffTheBody(string charset, bool bigEndian)
    {
        // a first char outside ASCII (no NUL pattern in the first four bytes), then ASCII
        byte[] body = Bytes(new UnicodeEncoding(bigEndian, false), "名前=' OR 1=1--");
        Encoding? found = Detect($"application/x-www-form-urlencoded; charset={charset}", body);
        Assert.NotNull(found);
        Assert.Equal("名前=' OR 1=1--", found.GetString(body));
    }

    [Theory]
    [InlineData("utf-16le", false)]
    [InlineData("utf-16be", true)]
    [InlineData("unicodeFFFE", true)]
    public void DeclaredUnicodeWithOrder_TakenAsDeclared(string charset, bool bigEndian)
    {
        byte[] body = Bytes(new UnicodeEncoding(bigEndian, false), "名前=x");
        Assert.Equal("名前=x", Detect($"text/plain; charset={charset}", body)!.GetString(body));
    }

    [Theory]
    [InlineData("IBM037", 37)]
    [InlineData("IBM500", 500)]
    [InlineData("ibm1047", 1047)]
    [InlineData("UTF-8", 37)]
    [InlineData("no-such-charset", 37)]
    public void EbcdicXmlDeclaration_ReadInTheCodePageItNames(string declared, int codePage)
    {
        byte[] body = Ebcdic037.GetBytes($"<?xml version=\"1.0\" encoding=\"{declared}\"?><a>' OR 1=1--</a>");
        Assert.Equal(codePage, Detect("application/xml", body)!.CodePage);
        Assert.Equal(codePage, Detect("", body)!.CodePage);
    }

    [Fact]
    public void EbcdicXmlWithoutEncoding_IsIbm037()
    {
        Assert.Equal(37, Detect("text/xml", Ebcdic037.GetBytes("<?xml version=\"1.0\"?><a/>"))!.CodePage);
    }

    [Theory]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset")]
    [InlineData("application/json; =utf-16")]
    [InlineData("application/json; charset=\"\"")]
    [InlineData("application/json;;;")]
    [InlineData("application/json; charset=utf-16-but-much-longer-than-any-charset-name-is")]
    [InlineData("application/json; charset=ut\u00e9f-16")]
    public void MalformedOrUnknownCharset_ReadAsSent(string contentType)
    {
        Assert.Null(Detect(contentType, [0x81, 0, 0x7D, 0x40]));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0xFF })]
    public void TooShortForEvidence_ReadAsSent(byte[] body)
    {
        Assert.Null(Detect("application/json", body));
    }

    [Fact]
    public void TwoAndThreeByteBodies_NulPattern()
    {
        Assert.Equal("1", Detect("application/json", [(byte)'1', 0])!.GetString([(byte)'1', 0]));
        Assert.Equal("1", Detect("application/json", [0, (byte)'1', 0])!.GetString([0, (byte)'1']));
    }
}
