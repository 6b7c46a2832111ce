using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;
using EastWestIds.Signatures.Tests.Buffers;
using EastWestIds.Signatures.Transforms;

namespace EastWestIds.Signatures.Tests.Decoding;

/// <summary>
/// Random inputs (fixed seed) drawn from the bytes decoders care about: every decoder must keep its contract
/// (never longer than the input, in place equals out of place, no exception), and so must the buffers.
/// </summary>
public class DecoderRandomInputTests
{
    private static readonly byte[] Alphabet =
        "%%%uU0123456789abcdefABCDEF+&=#;x\\/.\"*-!?: \t\r\n{}[],'"u8.ToArray()
            .Concat(new byte[] { 0x00, 0xC0, 0xC1, 0xE0, 0xF0, 0x80, 0xAE, 0xAF, 0xBF, 0xC2, 0xA0, 0xFF }).ToArray();

    private delegate int Decoder(ReadOnlySpan<byte> input, Span<byte> output);

    public static TheoryData<string> Decoders() => new() { "percent", "stable", "overlong", "html", "json", "sql", "path", "escaped-slashes", "quoted-printable", "mime-base64" };

    private static Decoder Get(string name) => name switch
    {
        "percent" => (i, o) => { DecodingAnomalies a = 0; return PercentDecoder.Decode(i, o, true, ref a); },
        "stable" => (i, o) => { DecodingAnomalies a = 0; return PercentDecoder.DecodeUntilStable(i, o, true, ref a); },
        "overlong" => (i, o) => { DecodingAnomalies a = 0; return OverlongUtf8Decoder.Decode(i, o, ref a); },
        "html" => HtmlEntityDecoder.Decode,
        "json" => (i, o) => { DecodingAnomalies a = 0; return JsonStringDecoder.Decode(i, o, ref a); },
        "sql" => SqlNormalizer.Normalize,
        "quoted-printable" => QuotedPrintableDecoder.Decode,
        "mime-base64" => EastWestIds.Signatures.Transforms.Base64Decoder.DecodeMime,
        "escaped-slashes" => PathSlashes.DecodeEscapedSlashes,
        _ => (i, o) => { i.CopyTo(o); return PathNormalizer.Normalize(o[..i.Length]); },
    };

    private static byte[] RandomInput(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        return bytes;
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decode_RandomInput_NeverLongerAndInPlaceMatches(string name)
    {
        Decoder decode = Get(name);
        var random = new Random(1234);
        for (int n = 0; n < 20_000; n++)
        {
            byte[] input = RandomInput(random);
            var output = new byte[input.Length];
            int written = decode(input, output);
            Assert.InRange(written, 0, input.Length);

            byte[] inPlace = (byte[])input.Clone();
            int writtenInPlace = decode(inPlace, inPlace);
            Assert.Equal(output.AsSpan(0, written).ToArray(), inPlace.AsSpan(0, writtenInPlace).ToArray());
        }
    }

    [Fact]
    public void Transforms_RandomInput_FitInputPlusOne()
    {
        var random = new Random(99);
        var location = new SourceLocation("t.rules", 1, 1);
        TransformOption[] transforms = Enum.GetValues<TransformKind>()
            .Select(k => new TransformOption(k, k == TransformKind.Xor ? [0x0d, 0x0a] : null, k.ToString(), location)).ToArray();
        for (int n = 0; n < 5_000; n++)
        {
            byte[] input = RandomInput(random);
            foreach (TransformOption t in transforms)
            {
                var output = new byte[input.Length + 1];
                int written = BufferTransforms.Apply(t, input, output);
                Assert.True(written == BufferTransforms.Unchanged || written is >= 0 && written <= input.Length + 1, $"{t.Kind}: {written}");
                if (written == BufferTransforms.Unchanged)
                {
                    // the shortcut is taken only where writing would have given the input back
                    int forced = BufferTransforms.Write(t, input, output);
                    Assert.Equal(input, output[..forced]);
                }
            }
        }
    }

    [Fact]
    public void RequestBuffers_RandomRequests_NeverThrow()
    {
        var random = new Random(7);
        var buffers = new RequestBuffers(RequestBufferLimits.Default with { MaxDecodedBytes = 512, MaxArgs = 8, MaxMultipartParts = 3 });
        string[] contentTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "text/plain", ""];
        for (int n = 0; n < 3_000; n++)
        {
            string target = "/" + FakeRequestView.Latin1String(RandomInput(random)) + "?" + FakeRequestView.Latin1String(RandomInput(random));
            byte[] body = [.. "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"u8, .. RandomInput(random), .. RandomInput(random)];
            var view = FakeRequestView.Get(target).WithMethod("POST").WithBody(random.Next(2) == 0 ? body : RandomInput(random));
            string contentType = contentTypes[random.Next(contentTypes.Length)];
            if (contentType.Length > 0)
            {
                view.WithHeader("Content-Type", contentType);
            }

            buffers.Reset(view);
            buffers.DecodeAll();
            foreach (InspectionBuffer buffer in Enum.GetValues<InspectionBuffer>())
            {
                for (int i = 0; i < buffers.Count(buffer); i++)
                {
                    _ = buffers.Get(buffer, i);
                }
            }
        }
    }
}
