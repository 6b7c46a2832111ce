using System.IO.Compression;

namespace EastWestIds.Fuzz;

/// <summary>
/// Any bytes as the body of a mirrored POST, so that the fuzzer spends its time in the body readers rather than in
/// finding a well-formed request head: the input's first byte picks the Content-Type (every format the body readers
/// know, charsets among them), its second how the body is sent (Content-Length or chunked, compressed by the harness
/// with gzip, deflate or br so the decoders see valid streams, or declared compressed but sent as is; after 80 KiB of
/// padding or not), the rest is the body. Checked as <see cref="WireTarget"/> is.
/// </summary>
internal sealed class BodyTarget(InspectionHarness harness) : IFuzzTarget
{
    internal const string Boundary = "----fuzzboundary";

    internal static readonly string[] ContentTypes =
    [
        "application/json",
        "application/x-www-form-urlencoded",
        $"multipart/form-data; boundary={Boundary}",
        "application/xml",
        "application/soap+xml; charset=utf-8",
        "application/msgpack",
        "application/cbor",
        "application/yaml",
        "application/graphql",
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/grpc",
        "application/grpc-web+proto",
        "application/x-protobuf",
        "application/x-ndjson",
        "application/json; charset=utf-16",
        "application/json; charset=utf-32",
        "text/xml; charset=ibm037",
        "text/html",
        "application/octet-stream",
        "application/jwt",
        $"multipart/mixed; boundary=\"{Boundary}\"",
        "application/vnd.api+json",
        "application/x-www-form-urlencoded; charset=iso-8859-1",
        "", // no Content-Type at all
    ];

    private readonly ConnectionCheck _check = new(harness);

    public string Name => "body";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return;
        }

        _check.Run(Wire(input[0], input[1], input[2..]));
    }

    /// <summary>The request the target sends for a Content-Type choice, a sending choice and a body.</summary>
    internal static byte[] Wire(byte contentTypeChoice, byte sendingChoice, ReadOnlySpan<byte> body)
    {
        string contentType = ContentTypes[contentTypeChoice % ContentTypes.Length];
        // Bit 3 of the sending choice: the body comes after 80 KiB of spaces, past the inspected budget (64 KiB), so
        // the body's tail ring holds it (the mirror port keeps a long body's last 16 KiB too).
        byte[] sent = (sendingChoice & 8) != 0 ? [.. Enumerable.Repeat((byte)' ', 80 * 1024), .. body] : body.ToArray();
        bool chunked = false;
        string? coding = null;
        switch (sendingChoice % 8)
        {
            case 1: chunked = true; break;
            case 2: sent = Compress(sent, s => new GZipStream(s, CompressionLevel.Fastest)); coding = "gzip"; break;
            case 3: sent = Compress(sent, s => new ZLibStream(s, CompressionLevel.Fastest)); coding = "deflate"; break;
            case 4: sent = Compress(sent, s => new BrotliStream(s, CompressionLevel.Fastest)); coding = "br"; break;
            case 5: coding = "gzip"; break; // declared, not done: a corrupt stream
            case 6:
                sent = Compress(Compress(sent, s => new GZipStream(s, CompressionLevel.Fastest)), s => new BrotliStream(s, CompressionLevel.Fastest));
                coding = "gzip, br";
                break;
            case 7: chunked = true; sent = Compress(sent, s => new GZipStream(s, CompressionLevel.Fastest)); coding = "gzip"; break;
        }

        // Chunks of a size the body's length picks, so a fuzzer varies where they split the body.
        return FuzzPost.Wire(contentType, coding, sent, chunked ? 1 + sent.Length % 61 : 0);
    }

    internal static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }
}
