using System.Buffers;
using System.Formats.Cbor;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using MessagePack;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// MessagePack and CBOR bodies: every string is an argument value, a map key a name, at any depth. The bodies are
/// written by MessagePack-CSharp's and System.Formats.Cbor's writers, as services write them.
/// </summary>
public class RequestBuffersBinaryDocumentTests
{
    private const string Payload = "' OR 1=1--";

    private static RequestBuffers Post(string contentType, byte[] body) => For(FakeRequestView.Post("/api/v1/orders/search", contentType, body));

    private delegate void MessagePackBody(ref MessagePackWriter writer);

    private static byte[] MessagePack(MessagePackBody write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Cbor(Action<CborWriter> write, CborConformanceMode mode = CborConformanceMode.Lax)
    {
        var writer = new CborWriter(mode, allowMultipleRootLevelValues: true);
        write(writer);
        return writer.Encode();
    }

    // {"q": Payload, "page": 2, "filter": {"tags": ["shoes", "<script>"], "price": 1.5, "on": true, "none": nil}, "raw": bin}
    private static readonly byte[] SearchMessagePack = MessagePack((ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(4);
        w.Write("q");
        w.Write(Payload);
        w.Write("page");
        w.Write(2);
        w.Write("filter");
        w.WriteMapHeader(4);
        w.Write("tags");
        w.WriteArrayHeader(2);
        w.Write("shoes");
        w.Write("<script>");
        w.Write("price");
        w.Write(1.5);
        w.Write("on");
        w.Write(true);
        w.Write("none");
        w.WriteNil();
        w.Write("raw");
        w.Write(new byte[] { 0x12, 0x34, 0x00, 0xFF });
    });

    [Theory]
    [InlineData("application/msgpack")]
    [InlineData("application/x-msgpack")]
    [InlineData("Application/vnd.msgpack")]
    [InlineData("application/x-messagepack; charset=binary")]
    public void MessagePack_StringsAreValues_MapKeysAreNames(string contentType)
    {
        RequestBuffers b = Post(contentType, SearchMessagePack);
        Assert.Equal([Payload, "shoes", "<script>"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["q", "page", "filter", "tags", "price", "on", "none", "raw"], Values(b, InspectionBuffer.HttpArgName));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void MessagePack_EveryHeadSize_TextBinAndExtensions()
    {
        string longer = new('a', 300);
        string longest = new('b', 70_000);
        byte[] body = MessagePack((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(9);
            w.Write(longer); // str16
            w.Write(longest); // str32
            w.Write(System.Text.Encoding.ASCII.GetBytes("x' or 'a'='a")); // bin8, text: old encoders write strings so
            w.Write(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }); // bin8, not text
            w.WriteExtensionFormat(new ExtensionResult(5, new byte[] { 0x27, 0x20, 0x4F, 0x52 })); // fixext4: skipped
            w.Write(DateTime.UnixEpoch); // the timestamp extension
            w.Write(ulong.MaxValue);
            w.Write(-100_000L);
            w.Write("end");
        });
        RequestBuffers b = Post("application/msgpack", body);
        Assert.Equal([longer, longest, "x' or 'a'='a", "end"], Values(b, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void MessagePack_StreamOfDocuments_TruncatedLastString()
    {
        byte[] first = MessagePack((ref MessagePackWriter w) => { w.WriteMapHeader(1); w.Write("a"); w.Write("first"); });
        byte[] second = MessagePack((ref MessagePackWriter w) => { w.WriteMapHeader(1); w.Write("b"); w.Write(Payload + " and more"); });
        RequestBuffers b = For(FakeRequestView.Post("/x", "application/msgpack", [.. first, .. second[..^9]]).Truncated());
        Assert.Equal(["first", Payload], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["a", "b"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Fact]
    public void MessagePack_NeverUsedHead_StopsReading()
    {
        byte[] body = [.. MessagePack((ref MessagePackWriter w) => w.Write("before")), 0xC1, .. MessagePack((ref MessagePackWriter w) => w.Write("after"))];
        Assert.Equal(["before"], Values(Post("application/msgpack", body), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void Cbor_StringsAreValues_MapKeysAreNames_TagsReadThrough()
    {
        byte[] body = Cbor(w =>
        {
            w.WriteStartMap(4);
            w.WriteTextString("q");
            w.WriteTextString(Payload);
            w.WriteTextString("when");
            w.WriteDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)); // tag 0 around a text string
            w.WriteInt32(7); // an integer key: no name
            w.WriteStartArray(3);
            w.WriteDouble(1.5);
            w.WriteByteString("<script>alert(1)</script>"u8);
            w.WriteByteString([0x12, 0x34, 0x00, 0xFF]);
            w.WriteEndArray();
            w.WriteTextString("callback");
            w.WriteTag(CborTag.Uri);
            w.WriteTextString("http://169.254.169.254/latest/meta-data/");
            w.WriteEndMap();
        });
        RequestBuffers b = Post("application/cbor", body);
        Assert.Equal([Payload, "2026-12-01T00:00:00Z", "<script>alert(1)</script>", "http://169.254.169.254/latest/meta-data/"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["q", "when", "callback"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Fact]
    public void Cbor_IndefiniteLengthStringsAndContainers_ChunksJoined()
    {
        byte[] body = Cbor(w =>
        {
            w.WriteStartMap(null);
            w.WriteStartIndefiniteLengthTextString();
            w.WriteTextString("fil");
            w.WriteTextString("e");
            w.WriteEndIndefiniteLengthTextString();
            w.WriteStartIndefiniteLengthTextString();
            foreach (string piece in new[] { "../", "../", "etc/", "pass", "wd" })
            {
                w.WriteTextString(piece);
            }

            w.WriteEndIndefiniteLengthTextString();
            w.WriteTextString("list");
            w.WriteStartArray(null);
            w.WriteStartIndefiniteLengthByteString();
            w.WriteByteString("' OR "u8);
            w.WriteByteString("1=1--"u8);
            w.WriteEndIndefiniteLengthByteString();
            w.WriteEndArray();
            w.WriteTextString("after");
            w.WriteTextString("value");
            w.WriteEndMap();
        });
        RequestBuffers b = Post("application/cbor", body);
        Assert.Equal(["../../etc/passwd", Payload, "value"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(["file", "list", "after"], Values(b, InspectionBuffer.HttpArgName));
    }

    [Theory]
    [InlineData("application/cbor-seq")]
    [InlineData("application/senml+cbor")]
    [InlineData("APPLICATION/CBOR")]
    public void Cbor_SequencesAndSuffixedTypes(string contentType)
    {
        byte[] body = Cbor(w =>
        {
            w.WriteTextString("first");
            w.WriteStartMap(1);
            w.WriteTextString("n");
            w.WriteTextString(Payload);
            w.WriteEndMap();
        });
        Assert.Equal(["first", Payload], Values(Post(contentType, body), InspectionBuffer.HttpArg));
    }

    [Theory]
    [InlineData(new byte[] { 0x1C })] // reserved additional information
    [InlineData(new byte[] { 0x3F })] // an indefinite negative integer
    [InlineData(new byte[] { 0xFF })] // a break outside any indefinite container
    [InlineData(new byte[] { 0x7F, 0x41, 0x61, 0xFF })] // a byte-string chunk in a text string
    public void Cbor_MalformedHead_StopsReading(byte[] malformed)
    {
        byte[] body = [.. Cbor(w => w.WriteTextString("before")), .. malformed, .. Cbor(w => w.WriteTextString("after"))];
        Assert.Equal(["before"], Values(Post("application/cbor", body), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void Cbor_TruncatedChunkedString_KeptAsFarAsItGoes()
    {
        byte[] body = Cbor(w =>
        {
            w.WriteStartIndefiniteLengthTextString();
            w.WriteTextString("' OR ");
            w.WriteTextString("1=1-- and more");
            w.WriteEndIndefiniteLengthTextString();
        });
        RequestBuffers b = For(FakeRequestView.Post("/x", "application/cbor", body[..^10]).Truncated());
        Assert.Equal([Payload], Values(b, InspectionBuffer.HttpArg));
    }

    [Theory]
    [InlineData("application/msgpack")]
    [InlineData("application/cbor")]
    public void NestingPastTheTrackedDepth_ValuesStillRead(string contentType)
    {
        const int Depth = DocumentNesting.MaxTracked + 8;
        byte[] body = contentType == "application/cbor"
            ? Cbor(w =>
            {
                for (int level = 0; level < Depth; level++)
                {
                    w.WriteStartMap(1);
                    w.WriteTextString("k");
                }

                w.WriteTextString(Payload);
                for (int level = 0; level < Depth; level++)
                {
                    w.WriteEndMap();
                }
            })
            : MessagePack((ref MessagePackWriter w) =>
            {
                for (int level = 0; level < Depth; level++)
                {
                    w.WriteMapHeader(1);
                    w.Write("k");
                }

                w.Write(Payload);
            });
        RequestBuffers b = Post(contentType, body);

        // Past the tracked depth a key cannot be told from a value, so the deepest keys are values too: none hidden.
        string[] values = Values(b, InspectionBuffer.HttpArg);
        Assert.Equal(Payload, values[^1]);
        Assert.Equal(DocumentNesting.MaxTracked, Values(b, InspectionBuffer.HttpArgName).Length);
        Assert.Equal(Depth - DocumentNesting.MaxTracked, values.Length - 1);
    }

    [Theory]
    [InlineData("application/msgpack")]
    [InlineData("application/cbor")]
    public void RandomBodies_NeverThrow(string contentType)
    {
        var random = new Random(27);
        var buffers = new RequestBuffers();
        for (int n = 0; n < 3000; n++)
        {
            var body = new byte[random.Next(0, 300)];
            random.NextBytes(body);
            buffers.Reset(FakeRequestView.Post("/x", contentType, body));
            for (int v = 0; v < buffers.Count(InspectionBuffer.HttpArg); v++)
            {
                Assert.False(buffers.Get(InspectionBuffer.HttpArg, v).IsEmpty);
            }
        }
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    public void WholeTextBodies_TheBodyIsOneValue(string contentType)
    {
        const string Document = "query { search(term: \"x' OR 1=1--\") { id } }";
        Assert.Equal([Document], Values(Post(contentType, FakeRequestView.Latin1(Document)), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void WholeTextBodies_JsonShapedButNotJson_BothWays()
    {
        RequestBuffers b = Post("text/plain", FakeRequestView.Latin1("{system('id')}"));
        Assert.Equal(["system('id')", "{system('id')}"], Values(b, InspectionBuffer.HttpArg));
        Assert.False(b.Anomalies.HasFlag(DecodingAnomalies.MalformedJson));
        Assert.Equal(["4+4", "{{4+4}}"], Values(Post("text/plain", FakeRequestView.Latin1("{{4+4}}")), InspectionBuffer.HttpArg));
    }

    [Fact]
    public void WholeTextBodies_ControlBytesAreNoText_JsonShapedTextStillReadAsJson()
    {
        Assert.Empty(Values(Post("text/plain", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), InspectionBuffer.HttpArg));
        // fetch() sends a string body as text/plain: a JSON document so sent is read as JSON only, its quotes no argument
        RequestBuffers json = Post("text/plain;charset=UTF-8", FakeRequestView.Latin1("{\"q\":\"" + Payload + "\", \"note\": \"grant access\"}"));
        Assert.Equal([Payload, "grant access"], Values(json, InspectionBuffer.HttpArg));
    }

    [Fact]
    public void WholeTextBody_ItsTailIsAFurtherValue()
    {
        RequestBuffers b = For(FakeRequestView.Post("/x", "text/plain", FakeRequestView.Latin1("padding padding")).WithTail("; cat /etc/passwd"));
        Assert.Equal(["padding padding", "; cat /etc/passwd"], Values(b, InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.BodyMiddleUninspected));
    }
}
