using System.Buffers.Binary;
using System.Text;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// gRPC and protobuf bodies for arguments. Most calls between services in a mesh are gRPC, and a string field carries
/// an injection to the service behind as a JSON value does; but protobuf is binary (tags and lengths are control
/// bytes), so the body rules read only its runs of text of 16 bytes or more (<see cref="BinaryBodyText"/>), which
/// <c>' OR 1=1--</c> is not. Without the schema, the wire format is read as <c>protoc --decode_raw</c> reads it: every
/// length-delimited field whose bytes are text (UTF-8, no control bytes but whitespace) is an <c>http.arg</c> value, and
/// one whose bytes form a well-formed message is read as a nested message, down to
/// <see cref="MaxProtobufDepth"/> levels; bytes that are both are read both ways, so no field is hidden by looking
/// like the other. Numbers are not values (a schema types them; they carry no text). There are no names.
/// <list type="bullet">
/// <item><c>application/grpc</c>, <c>application/grpc+proto</c>, <c>application/grpc-web</c>,
/// <c>application/grpc-web+proto</c>: length-prefixed messages (gRPC's 5-byte prefix). A compressed message
/// (<c>grpc-encoding: gzip</c> or <c>deflate</c>, told by its bytes) is decompressed into the arena first, within its
/// budget: gRPC servers accept gzip by default, so compressing must not hide a field. gRPC-Web's trailer frame is not
/// read.</item>
/// <item><c>application/grpc-web-text</c>: the same, base64-encoded (each chunk padded on its own).</item>
/// <item><c>application/x-protobuf</c>, <c>application/protobuf</c>, <c>application/vnd.google.protobuf</c>,
/// <c>application/x-google-protobuf</c>: one message.</item>
/// </list>
/// </summary>
public sealed partial class RequestBuffers
{
    /// <summary>Nested messages read at most (each level reads its bytes once more; gRPC's own default limit is 100).</summary>
    private const int MaxProtobufDepth = 16;

    private enum ProtobufFraming : byte
    {
        None,
        Message,
        Grpc,
        GrpcWebText,
    }

    private static ProtobufFraming ProtobufFramingOf(ReadOnlySpan<byte> mediaType)
    {
        if (mediaType.Length < 16 || !Ascii.EqualsIgnoreCase(mediaType[..12], "application/"u8))
        {
            return ProtobufFraming.None;
        }

        ReadOnlySpan<byte> subtype = mediaType[12..];
        return Ascii.EqualsIgnoreCase(subtype, "grpc"u8) || Ascii.EqualsIgnoreCase(subtype, "grpc+proto"u8)
            || Ascii.EqualsIgnoreCase(subtype, "grpc-web"u8) || Ascii.EqualsIgnoreCase(subtype, "grpc-web+proto"u8) ? ProtobufFraming.Grpc
            : Ascii.EqualsIgnoreCase(subtype, "grpc-web-text"u8) || Ascii.EqualsIgnoreCase(subtype, "grpc-web-text+proto"u8) ? ProtobufFraming.GrpcWebText
            : Ascii.EqualsIgnoreCase(subtype, "x-protobuf"u8) || Ascii.EqualsIgnoreCase(subtype, "protobuf"u8)
              || Ascii.EqualsIgnoreCase(subtype, "vnd.google.protobuf"u8) || Ascii.EqualsIgnoreCase(subtype, "x-google-protobuf"u8) ? ProtobufFraming.Message
            : ProtobufFraming.None;
    }

    private void ScanProtobufBody(SegmentSource source, ReadOnlySpan<byte> body, ProtobufFraming framing)
    {
        if (framing == ProtobufFraming.Message)
        {
            ScanProtobufMessage(source, body, 0, body.Length);
        }
        else if (framing == ProtobufFraming.Grpc)
        {
            ScanGrpcFrames(source, body, 0, body.Length);
        }
        else
        {
            // Base64 into the arena; the frames' values are then arena ranges.
            Span<byte> space = BeginArena(body.Length / 4 * 3 + 3);
            int written = DecodeGrpcWebText(body, space);
            int start = _arena.Commit(written);
            ScanGrpcFrames(SegmentSource.Arena, _arena.Slice(0, start + written), start, start + written);
        }
    }

    /// <summary>gRPC-Web text: base64 chunks, each padded on its own (one per frame as servers write them).</summary>
    private static int DecodeGrpcWebText(ReadOnlySpan<byte> text, Span<byte> output)
    {
        int written = 0;
        while (!text.IsEmpty && written < output.Length)
        {
            int padding = text.IndexOf((byte)'=');
            ReadOnlySpan<byte> chunk = padding < 0 ? text : text[..padding];
            Span<byte> room = output[written..];
            written += Transforms.Base64Decoder.DecodeMime(chunk[..Math.Min(chunk.Length, room.Length / 3 * 4)], room);
            text = padding < 0 ? default : text[(padding + 1)..].TrimStart((byte)'=');
        }

        return written;
    }

    /// <summary>The messages of length-prefixed frames in [<paramref name="from"/>, <paramref name="to"/>); a truncated last one as far as it goes.</summary>
    private void ScanGrpcFrames(SegmentSource source, ReadOnlySpan<byte> container, int from, int to)
    {
        int i = from;
        while (to - i >= 5)
        {
            byte flags = container[i];
            long length = BinaryPrimitives.ReadUInt32BigEndian(container.Slice(i + 1, 4));
            int start = i + 5;
            int end = (int)Math.Min(to, start + length);
            if (flags == 0)
            {
                ScanProtobufMessage(source, container, start, end);
            }
            else if (flags == 1)
            {
                ScanCompressedProtobufMessage(container[start..end]);
            }

            // 0x80: gRPC-Web's trailers, no message

            i = end;
        }
    }

    /// <summary>
    /// The values of the message in [<paramref name="start"/>, <paramref name="end"/>), as far as its fields are whole: a
    /// body cut at <c>max-body-inspect</c> cuts its last message, and the fields before the cut are what a server reads
    /// too (a nested message is read only when it is whole, since that is how it is told from a string).
    /// </summary>
    private void ScanProtobufMessage(SegmentSource source, ReadOnlySpan<byte> container, int start, int end) =>
        AddProtobufValues(source, container, start, end, depth: 1);

    /// <summary>
    /// A compressed gRPC message (gzip, or zlib for <c>deflate</c>, by its first bytes; snappy and others are not
    /// read), decompressed into the arena up to what is left of its budget (<see cref="DecodingAnomalies.DecodeBudgetExceeded"/>
    /// past it: a decompression bomb costs the budget, no more), then read like any message. Rare, so it may allocate
    /// (a copy of the compressed bytes and the stream).
    /// </summary>
    private void ScanCompressedProtobufMessage(ReadOnlySpan<byte> compressed)
    {
        bool gzip = compressed is [0x1F, 0x8B, ..];
        bool zlib = compressed is [0x78, var flags, ..] && (0x7800 | flags) % 31 == 0;
        if (!gzip && !zlib)
        {
            return;
        }

        var source = new ReusableReadStream();
        source.Reset(compressed.ToArray(), compressed.Length);
        using Stream inflater = gzip
            ? new System.IO.Compression.GZipStream(source, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.ZLibStream(source, System.IO.Compression.CompressionMode.Decompress);
        Span<byte> space = _arena.Begin(_arena.Available);
        int written = 0;
        try
        {
            for (int read; written < space.Length && (read = inflater.Read(space[written..])) > 0;)
            {
                written += read;
            }

            if (written == space.Length && inflater.ReadByte() >= 0)
            {
                _anomalies |= DecodingAnomalies.DecodeBudgetExceeded;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // As ContentDecompressor: zlib reports some corrupt streams as ZLibException, an IOException, not as
            // InvalidDataException (found by AFL++: it escaped the inspection). What decoded before the error is read.
            _anomalies |= DecodingAnomalies.DecompressionFailed;
        }

        int start = _arena.Commit(written);
        AddProtobufValues(SegmentSource.Arena, _arena.Slice(0, start + written), start, start + written, depth: 1);
    }

    private void AddProtobufValues(SegmentSource source, ReadOnlySpan<byte> container, int start, int end, int depth)
    {
        int i = start;
        while (i < end)
        {
            ReadProtobufField(container[..end], ref i, out int wireType, out int valueStart, out int valueEnd);
            if (wireType != 2 || valueEnd == valueStart)
            {
                continue;
            }

            ReadOnlySpan<byte> value = container[valueStart..valueEnd];
            bool message = IsProtobufMessage(value);
            if (IsTextField(value, message))
            {
                AddReference(Args, source, valueStart, valueEnd - valueStart);
            }

            if (message && depth < MaxProtobufDepth)
            {
                AddProtobufValues(source, container, valueStart, valueEnd, depth + 1);
            }
        }
    }

    /// <summary>
    /// A string field's bytes: UTF-8 without control bytes but whitespace; or, when they are no message, UTF-8 with a
    /// control byte in eight at most, eight bytes or more (a payload with a control byte appended must stay a value; a
    /// short binary <c>bytes</c> field, a hash or an id, must not become one). A well-formed nested message has control
    /// bytes (its tags and lengths) and is read as a message instead: its own string fields are the values. MessagePack's
    /// and CBOR's byte strings are told the same way (never a message).
    /// </summary>
    private static bool IsTextField(ReadOnlySpan<byte> value, bool message)
    {
        if (!System.Text.Unicode.Utf8.IsValid(value))
        {
            return false;
        }

        int control = value.IndexOfAny(BinaryControlBytes);
        if (control < 0)
        {
            return true;
        }

        if (message || value.Length < 8)
        {
            return false;
        }

        int controls = 0;
        foreach (byte b in value[control..])
        {
            controls += BinaryControlBytes.Contains(b) ? 1 : 0;
        }

        return controls * 8 <= value.Length;
    }

    /// <summary>
    /// True when <paramref name="bytes"/> are a sequence of well-formed fields that ends exactly at their end: field
    /// numbers from 1 on, wire types 0 (varint), 1 (64-bit), 2 (length-delimited), 5 (32-bit) and the group markers
    /// 3 and 4 (deprecated, but parsers still skip them as unknown fields, so one must not make a message unreadable
    /// here), lengths inside. Text seldom passes: wire types 6 and 7 (<c>' . / &gt; ? F G N O V W _ f g n o v w</c>)
    /// and lengths past the end stop it somewhere along.
    /// </summary>
    private static bool IsProtobufMessage(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (!ReadProtobufField(bytes, ref i, out _, out _, out _))
            {
                return false;
            }
        }

        return !bytes.IsEmpty;
    }

    /// <summary>
    /// Reads the field at <paramref name="i"/> and moves past it; the value's range for wire type 2. False (and
    /// <paramref name="i"/> at the end) when it is malformed.
    /// </summary>
    private static bool ReadProtobufField(ReadOnlySpan<byte> bytes, ref int i, out int wireType, out int valueStart, out int valueEnd)
    {
        valueStart = valueEnd = 0;
        wireType = -1;
        bool ok = ReadVarint(bytes, ref i, out ulong tag) && tag >> 3 is >= 1 and <= MaxFieldNumber;
        if (ok)
        {
            wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    ok = ReadVarint(bytes, ref i, out _);
                    break;
                case 3 or 4:
                    break; // a group's start or end: no payload of its own
                case 1 or 5:
                    int size = wireType == 1 ? 8 : 4;
                    ok = bytes.Length - i >= size;
                    i += ok ? size : 0;
                    break;
                case 2:
                    ok = ReadVarint(bytes, ref i, out ulong length) && length <= (ulong)(bytes.Length - i);
                    if (ok)
                    {
                        (valueStart, valueEnd) = (i, i + (int)length);
                        i = valueEnd;
                    }

                    break;
                default:
                    ok = false;
                    break;
            }
        }

        if (!ok)
        {
            i = bytes.Length;
        }

        return ok;
    }

    /// <summary>protobuf's largest field number (2^29 − 1).</summary>
    private const ulong MaxFieldNumber = (1UL << 29) - 1;

    /// <summary>A base-128 varint of at most 10 bytes.</summary>
    private static bool ReadVarint(ReadOnlySpan<byte> bytes, ref int i, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 70 && i < bytes.Length; shift += 7)
        {
            byte b = bytes[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
