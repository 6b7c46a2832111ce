using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>
/// An h2c client (prior knowledge) that writes its frames and HPACK itself, for what HttpClient will not send: a field
/// repeated as HTTP/2 allows (<c>cookie</c> crumbs, RFC 9113 §8.2.3), a header block split across CONTINUATION frames.
/// Every field is a literal without indexing and without Huffman coding, its bytes as given (Latin-1).
/// </summary>
public sealed class RawHttp2Client : IAsyncDisposable
{
    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, GoAway = 0x7, Continuation = 0x9;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;

    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly NetworkStream _stream;

    private RawHttp2Client(NetworkStream stream) => _stream = stream;

    public static async Task<RawHttp2Client> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var client = new RawHttp2Client(new NetworkStream(socket, ownsSocket: true));
        await client._stream.WriteAsync(Preface);
        await client.WriteFrameAsync(Settings, 0, 0, ReadOnlyMemory<byte>.Empty);
        return client;
    }

    /// <summary>
    /// Sends a request without a body on <paramref name="streamId"/> (odd, increasing). With <paramref name="splitAt"/>,
    /// the header block's first that many bytes go in the HEADERS frame and the rest in a CONTINUATION frame.
    /// </summary>
    public async Task SendRequestAsync(int streamId, IEnumerable<(string Name, string Value)> fields, int? splitAt = null)
    {
        byte[] block = HeaderBlock(fields);
        int first = Math.Min(splitAt ?? block.Length, block.Length);
        await WriteFrameAsync(Headers, first == block.Length ? (byte)(EndStream | EndHeaders) : EndStream, streamId, block.AsMemory(0, first));
        if (first < block.Length)
        {
            await WriteFrameAsync(Continuation, EndHeaders, streamId, block.AsMemory(first));
        }
    }

    /// <summary>
    /// Reads frames until the response to <paramref name="streamId"/> begins: its <c>:status</c>, or <c>RST_STREAM</c>
    /// and its error code, or <c>GOAWAY</c>. The server's SETTINGS are acknowledged on the way.
    /// </summary>
    public async Task<string> ReadResponseAsync(int streamId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        byte[] head = new byte[9];
        while (true)
        {
            await _stream.ReadExactlyAsync(head, cts.Token);
            int length = (head[0] << 16) | (head[1] << 8) | head[2];
            byte type = head[3], flags = head[4];
            int stream = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(5)) & 0x7FFFFFFF;
            byte[] payload = new byte[length];
            await _stream.ReadExactlyAsync(payload, cts.Token);
            if (type == Settings && (flags & Ack) == 0)
            {
                await WriteFrameAsync(Settings, Ack, 0, ReadOnlyMemory<byte>.Empty);
            }
            else if (type == GoAway)
            {
                return $"GOAWAY {BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4))}";
            }
            else if (stream == streamId && type == RstStream)
            {
                return $"RST_STREAM {BinaryPrimitives.ReadUInt32BigEndian(payload)}";
            }
            else if (stream == streamId && type == Headers)
            {
                return Status(payload, flags);
            }
            else if (type != Data && type != Settings && type != 0x8 /* WINDOW_UPDATE */ && type != 0x6 /* PING */)
            {
                return $"frame type {type} on stream {stream}";
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static byte[] HeaderBlock(IEnumerable<(string Name, string Value)> fields)
    {
        var block = new List<byte>();
        foreach (var (name, value) in fields)
        {
            block.Add(0x00); // literal field without indexing, new name (RFC 7541 §6.2.2)
            String(block, Encoding.Latin1.GetBytes(name));
            String(block, Encoding.Latin1.GetBytes(value));
        }

        return [.. block];
    }

    // RFC 7541 §5.2: a string literal without Huffman coding, its length a 7-bit-prefix integer (§5.1).
    private static void String(List<byte> block, byte[] bytes)
    {
        int length = bytes.Length;
        if (length < 127)
        {
            block.Add((byte)length);
        }
        else
        {
            block.Add(127);
            for (length -= 127; length >= 128; length >>= 7)
            {
                block.Add((byte)(length & 0x7F | 0x80));
            }

            block.Add((byte)length);
        }

        block.AddRange(bytes);
    }

    // Kestrel sends :status first: indexed from the static table (RFC 7541 Appendix A, 8–14), or a literal with that
    // name (index 8) and the three digits as they are.
    private static string Status(byte[] block, byte flags)
    {
        int padding = (flags & 0x8) != 0 ? 1 + block[0] : 0;
        int at = (flags & 0x8) != 0 ? 1 : 0;
        at += (flags & 0x20) != 0 ? 5 : 0; // PRIORITY
        byte first = block[at];
        if ((first & 0x80) != 0)
        {
            return (first & 0x7F) switch { 8 => "200", 9 => "204", 10 => "206", 11 => "304", 12 => "400", 13 => "404", 14 => "500", var i => $"static {i}" };
        }

        int index = (first & 0xC0) == 0x40 ? first & 0x3F : first & 0x0F;
        return index == 8 && (block[at + 1] & 0x80) == 0 && at + 2 + block[at + 1] <= block.Length - padding
            ? Encoding.ASCII.GetString(block, at + 2, block[at + 1])
            : $"status not read (0x{first:x2})";
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        byte[] head = new byte[9];
        head[0] = (byte)(payload.Length >> 16);
        head[1] = (byte)(payload.Length >> 8);
        head[2] = (byte)payload.Length;
        head[3] = type;
        head[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(head.AsSpan(5), streamId);
        await _stream.WriteAsync(head);
        await _stream.WriteAsync(payload);
        await _stream.FlushAsync();
    }
}
