using System.Buffers.Binary;
using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>gRPC and protobuf bodies: every text string field at any depth is an <c>http.arg</c> value.</summary>
public class RequestBuffersProtobufTests
{
    /// <summary>Protobuf's wire format, enough to write test messages.</summary>
    internal static class Wire
    {
        public static byte[] Varint(ulong value)
        {
            var bytes = new List<byte>();
            do
            {
                byte b = (byte)(value & 0x7F);
                value >>= 7;
                bytes.Add(value == 0 ? b : (byte)(b | 0x80));
            }
            while (value != 0);
            return [.. bytes];
        }

        public static byte[] Bytes(int field, byte[] value) => [.. Varint((ulong)field << 3 | 2), .. Varint((ulong)value.Length), .. value];

        public static byte[] String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public static byte[] Number(int field, ulong value) => [.. Varint((ulong)field << 3), .. Varint(value)];

        public static byte[] Fixed64(int field) => [.. Varint((ulong)field << 3 | 1), 1, 2, 3, 4, 5, 6, 7, 8];

        public static byte[] Fixed32(int field) => [.. Varint((ulong)field << 3 | 5), 1, 2, 3, 4];

        public static byte[] Frame(byte[] message, byte flags = 0)
        {
            var prefix = new byte[5];
            prefix[0] = flags;
            BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), (uint)message.Length);
            return [.. prefix, .. message];
        }
    }

    // An order search: query, a nested filter with a name and a price range, a page size, a packed list of ids.
    private static readonly byte[] Search =
    [
        .. Wire.String(1, "' OR 1=1--"),
        .. Wire.Bytes(3, [.. Wire.String(1, "<script>alert(1)</script>"), .. Wire.Number(2, 300), .. Wire.Fixed64(3)]),
        .. Wire.Number(4, 20),
        .. Wire.Fixed32(5),
        .. Wire.Bytes(6, [1, 2, 0x96, 0x01]),
    ];

    private static string[] Args(string contentType, byte[] body) =>
        Values(For(FakeRequestView.Post("/shop.v1.Orders/Search", contentType, body)), InspectionBuffer.HttpArg);

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc-web")]
    [InlineData("Application/gRPC-Web+proto")]
    public void GrpcFrames_StringFieldsAtEveryDepth(string contentType)
    {
        Assert.Equal(["' OR 1=1--", "<script>alert(1)</script>", "second"], Args(contentType, [.. Wire.Frame(Search), .. Wire.Frame(Wire.String(2, "second"))]));
    }

    [Theory]
    [InlineData("application/x-protobuf")]
    [InlineData("application/protobuf")]
    [InlineData("application/vnd.google.protobuf")]
    [InlineData("application/x-google-protobuf; proto=shop.v1.SearchRequest")]
    public void ProtobufMessage_StringFields(string contentType)
    {
        Assert.Equal(["' OR 1=1--", "<script>alert(1)</script>"], Args(contentType, Search));
    }

    [Fact]
    public void GrpcWebText_Base64FramesEachPadded()
    {
        byte[] first = Wire.Frame(Search);
        byte[] trailers = Wire.Frame(Encoding.ASCII.GetBytes("grpc-status:0\r\n"), flags: 0x80);
        string text = Convert.ToBase64String(first) + Convert.ToBase64String(Wire.Frame(Wire.String(1, "x' or 'a'='a"))) + Convert.ToBase64String(trailers);
        Assert.Equal(["' OR 1=1--", "<script>alert(1)</script>", "x' or 'a'='a"], Args("application/grpc-web-text", Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData(EastWestIds.Signatures.Decoding.ContentCoding.Gzip)]
    [InlineData(EastWestIds.Signatures.Decoding.ContentCoding.Deflate)]
    public void CompressedMessage_Decompressed(EastWestIds.Signatures.Decoding.ContentCoding coding)
    {
        // grpc-encoding: gzip is accepted by gRPC servers by default: compressing a message must not hide its fields
        byte[] compressed = EastWestIds.Signatures.Tests.Decoding.ContentDecompressorTests.Compress(coding, Search);
        Assert.Equal(["' OR 1=1--", "<script>alert(1)</script>"], Args("application/grpc", Wire.Frame(compressed, flags: 1)));
    }

    [Fact]
    public void CompressedMessage_UnknownCompressionNotRead_BombBoundedByTheBudget()
    {
        Assert.Empty(Args("application/grpc", Wire.Frame([0xFF, 0x06, 0x00, 0x00, .. "sNaPpY"u8], flags: 1)));

        byte[] bomb = [.. Wire.String(1, "before the zeros"), .. Wire.Bytes(2, new byte[100_000])];
        var limits = RequestBufferLimits.Default with { MaxDecodedBytes = 64 * 1024 };
        RequestBuffers b = For(FakeRequestView.Post("/x", "application/grpc",
            Wire.Frame(EastWestIds.Signatures.Tests.Decoding.ContentDecompressorTests.Compress(EastWestIds.Signatures.Decoding.ContentCoding.Gzip, bomb), flags: 1)), limits);
        Assert.Equal(["before the zeros"], Values(b, InspectionBuffer.HttpArg));
        Assert.True(b.Anomalies.HasFlag(EastWestIds.Signatures.Decoding.DecodingAnomalies.DecodeBudgetExceeded));
    }

    [Fact]
    public void TruncatedFrame_ReadAsFarAsItsFieldsAreWhole()
    {
        byte[] cut = Wire.String(2, "cut off here");
        byte[] nested = Wire.Bytes(3, Wire.String(1, "nested, cut"));
        byte[] body = [.. Wire.Frame(Wire.String(1, "first")), .. Wire.Frame([.. Wire.String(1, "kept"), .. cut, .. nested])];
        Assert.Equal(["first", "kept"], Args("application/grpc", body[..^(nested.Length + 4)]));
        Assert.Equal(["first", "kept", "cut off here"], Args("application/grpc", body[..^4])); // a nested message is read only whole
        Assert.Equal(["first", "kept"], Args("application/grpc", body[..^(nested.Length + cut.Length)]));
    }

    [Fact]
    public void TextThatIsAlsoAMessage_ReadBothWays()
    {
        // "\n\x03abc" is no text (a control byte), "abc" is; a field holding a message whose bytes are text is both.
        byte[] inner = Wire.String(4, "' OR 1=1--"); // tag 0x22 ('"'), length 0x0A (LF): text as well as a message
        Assert.Equal(["\"\n' OR 1=1--", "' OR 1=1--"], Args("application/x-protobuf", Wire.Bytes(1, inner)));
    }

    [Fact]
    public void NestingPastTheLimit_NotRead()
    {
        byte[] message = Wire.String(1, "deepest");
        for (int level = 0; level < 20; level++)
        {
            message = Wire.Bytes(1, message);
        }

        Assert.Empty(Args("application/x-protobuf", message));
        byte[] shallow = Wire.String(1, "deep");
        for (int level = 0; level < 10; level++)
        {
            shallow = Wire.Bytes(1, shallow);
        }

        Assert.Equal(["deep"], Args("application/x-protobuf", shallow));
    }

    [Fact]
    public void Groups_SkippedAsParsersSkipThem()
    {
        // A proto2 group around a number: an unknown field to a proto3 service, which its parser skips; it must not make
        // the message unreadable here.
        byte[] message = [0x1B, .. Wire.Number(1, 7), 0x1C, .. Wire.String(2, "' OR 1=1--")];
        Assert.Equal(["' OR 1=1--"], Args("application/x-protobuf", message));
    }

    [Fact]
    public void ControlBytesInAString_StillAValue_ShortBinaryBytesAreNot()
    {
        byte[] message = [.. Wire.String(1, "' OR 1=1--\u0001"), .. Wire.Bytes(2, [0x12, 0x34, 0x56, 0x78]), .. Wire.Bytes(3, [0x12, 0x34, 0x56, 0x78, 0x01, 0x02, 0x03, 0x7F, 0x11, 0x22])];
        Assert.Equal(["' OR 1=1--\u0001"], Args("application/x-protobuf", message));
    }

    [Theory]
    [InlineData(new byte[] { 0x0F, 0x0C })] // wire type 7
    [InlineData(new byte[] { 0x00, 0x01 })] // field number 0
    [InlineData(new byte[] { 0x0A, 0x05, 0x61 })] // a length past the end
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // a varint of 11 bytes
    [InlineData(new byte[] { 0x0A, 0x02, 0x00, 0x01 })] // a string field holding control bytes: no text
    [InlineData(new byte[0])]
    public void NoMessageOrNoText_NoArguments(byte[] body)
    {
        Assert.Empty(Args("application/x-protobuf", body));
        Assert.Empty(Args("application/grpc", Wire.Frame(body)));
    }

    [Fact]
    public void RandomBodies_NeverThrow_ValuesAreText()
    {
        var random = new Random(24);
        var buffers = new RequestBuffers();
        for (int n = 0; n < 3000; n++)
        {
            var body = new byte[random.Next(0, 300)];
            random.NextBytes(body);
            if (n % 3 == 0)
            {
                body = [.. Wire.Frame(body)];
            }

            buffers.Reset(FakeRequestView.Post("/x", n % 2 == 0 ? "application/grpc" : "application/x-protobuf", body));
            for (int v = 0; v < buffers.Count(InspectionBuffer.HttpArg); v++)
            {
                ReadOnlySpan<byte> value = buffers.Get(InspectionBuffer.HttpArg, v);
                Assert.True(System.Text.Unicode.Utf8.IsValid(value) && !value.IsEmpty);
            }
        }
    }
}
