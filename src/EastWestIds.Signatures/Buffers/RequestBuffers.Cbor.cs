using System.Buffers.Binary;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// CBOR bodies (RFC 8949: <c>application/cbor</c>, <c>application/cbor-seq</c>, <c>*/*+cbor</c>) for arguments: every text
/// string is an <c>http.arg</c> value, or an <c>http.arg_name</c> when it is a map key, at any depth; a byte string
/// whose bytes are text is a value too. A string of indefinite length, sent in chunks, is one value, its chunks joined
/// in the arena as a decoder joins them: a payload cut into chunks must not pass as harmless pieces. Tags are read
/// through (the tagged item takes the tag's place). Why: as for MessagePack (RequestBuffers.MessagePack.cs), a binary
/// body hides short strings from the body rules. A sequence of items is read to the end; a truncated body as far as
/// it goes; a malformed head stops the reading.
/// </summary>
public sealed partial class RequestBuffers
{
    private void ScanCbor(SegmentSource source, ReadOnlySpan<byte> body)
    {
        Span<DocumentNesting.Frame> frames = stackalloc DocumentNesting.Frame[DocumentNesting.MaxTracked];
        var nesting = new DocumentNesting(frames);
        int i = 0;
        while (i < body.Length)
        {
            byte head = body[i++];
            int major = head >> 5;
            int info = head & 0x1F;
            if (head == 0xFF)
            {
                if (!nesting.Break())
                {
                    return;
                }

                continue;
            }

            if (major == 6)
            {
                if (!ReadCborArgument(body, ref i, info, out _))
                {
                    return;
                }

                continue; // a tag: the item after it takes its place
            }

            bool key = nesting.NextIsKey();
            if (info == 31)
            {
                switch (major)
                {
                    case 2 or 3:
                        if (!AddCborChunkedString(body, ref i, major, key))
                        {
                            return;
                        }

                        continue;
                    case 4 or 5:
                        nesting.Open(-1, map: major == 5);
                        continue;
                    default:
                        return; // indefinite integers do not exist
                }
            }

            if (!ReadCborArgument(body, ref i, info, out ulong argument))
            {
                return;
            }

            long count = (long)Math.Min(argument, (ulong)(long.MaxValue / 2));
            switch (major)
            {
                case 2 or 3:
                    AddDocumentString(source, body, ref i, count, key, text: major == 3);
                    break;
                case 4:
                    nesting.Open(count, map: false);
                    break;
                case 5:
                    nesting.Open(2 * count, map: true);
                    break;

                    // 0 and 1 (integers), 7 (simple values and floats): the argument was all there was
            }
        }
    }

    /// <summary>
    /// The argument of a head whose additional information is <paramref name="info"/>: the value itself under 24, else
    /// the 1, 2, 4 or 8 bytes after the head. False for the reserved values 28 to 30, 31 and a body that ends first.
    /// </summary>
    private static bool ReadCborArgument(ReadOnlySpan<byte> body, ref int i, int info, out ulong value)
    {
        value = (ulong)info;
        if (info < 24)
        {
            return true;
        }

        if (info > 27)
        {
            return false;
        }

        int size = 1 << (info - 24);
        if (body.Length - i < size)
        {
            return false;
        }

        ReadOnlySpan<byte> bytes = body.Slice(i, size);
        value = size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            _ => BinaryPrimitives.ReadUInt64BigEndian(bytes),
        };
        i += size;
        return true;
    }

    /// <summary>
    /// A string of indefinite length at <paramref name="i"/> (just past its head): definite chunks of the same major type
    /// until a break, joined into the arena and added as one name or value. False when a chunk is malformed.
    /// </summary>
    private bool AddCborChunkedString(ReadOnlySpan<byte> body, ref int i, int major, bool key)
    {
        int total = 0;
        int end = i;
        bool complete = false;
        while (end < body.Length)
        {
            byte head = body[end++];
            if (head == 0xFF)
            {
                complete = true;
                break;
            }

            if (head >> 5 != major || !ReadCborArgument(body, ref end, head & 0x1F, out ulong length))
            {
                return false;
            }

            int count = (int)Math.Min((ulong)(body.Length - end), length);
            total += count;
            end += count;
        }

        Span<byte> space = BeginArena(total);
        int written = 0;
        for (int chunk = i; chunk < end && written < space.Length;)
        {
            byte head = body[chunk++];
            if (head == 0xFF)
            {
                break;
            }

            ReadCborArgument(body, ref chunk, head & 0x1F, out ulong length);
            int count = (int)Math.Min((ulong)Math.Min(body.Length - chunk, space.Length - written), length);
            body.Slice(chunk, count).CopyTo(space[written..]);
            written += count;
            chunk += count;
        }

        i = end;
        ReadOnlySpan<byte> joined = space[..written];
        if (written > 0 && (major == 3 || IsTextField(joined, message: false)))
        {
            FlagNul(joined);
            AddReference(key ? ArgNames : Args, SegmentSource.Arena, _arena.Commit(written), written);
        }

        return complete || end >= body.Length;
    }
}
