using System.Buffers.Binary;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// MessagePack bodies (<c>application/msgpack</c>, <c>application/x-msgpack</c>, <c>application/vnd.msgpack</c>,
/// <c>application/x-messagepack</c>) for arguments: every string is an <c>http.arg</c> value, or an
/// <c>http.arg_name</c> when it is a map key, at any depth, as a JSON body's are; a <c>bin</c> whose bytes are text
/// is a value too (old encoders write strings as raw bytes). Numbers, booleans and extension types carry no text.
/// Why: the body is binary (every head is a control byte), so the body rules read only its runs of 16 text bytes or
/// more, which <c>' OR 1=1--</c> is not; services in Python, Ruby and Go send MessagePack to each other in place of
/// JSON. A stream of several documents is read to the end; a truncated body as far as it goes, its last string cut.
/// </summary>
public sealed partial class RequestBuffers
{
    private void ScanMessagePack(SegmentSource source, ReadOnlySpan<byte> body)
    {
        Span<DocumentNesting.Frame> frames = stackalloc DocumentNesting.Frame[DocumentNesting.MaxTracked];
        var nesting = new DocumentNesting(frames);
        int i = 0;
        while (i < body.Length)
        {
            bool key = nesting.NextIsKey();
            byte head = body[i++];
            long length;
            switch (head)
            {
                case <= 0x7F or >= 0xE0 or 0xC0 or 0xC2 or 0xC3:
                    continue; // fixints, nil, false, true
                case <= 0x8F:
                    nesting.Open(2L * (head & 0x0F), map: true);
                    continue;
                case <= 0x9F:
                    nesting.Open(head & 0x0F, map: false);
                    continue;
                case <= 0xBF:
                    AddDocumentString(source, body, ref i, head & 0x1F, key, text: true);
                    continue;
                case 0xC4 or 0xC5 or 0xC6:
                    if (!ReadBigEndian(body, ref i, 1 << (head - 0xC4), out length))
                    {
                        return;
                    }

                    AddDocumentString(source, body, ref i, length, key, text: false);
                    continue;
                case 0xD9 or 0xDA or 0xDB:
                    if (!ReadBigEndian(body, ref i, 1 << (head - 0xD9), out length))
                    {
                        return;
                    }

                    AddDocumentString(source, body, ref i, length, key, text: true);
                    continue;
                case 0xDC or 0xDD or 0xDE or 0xDF:
                    if (!ReadBigEndian(body, ref i, head is 0xDC or 0xDE ? 2 : 4, out length))
                    {
                        return;
                    }

                    bool map = head >= 0xDE;
                    nesting.Open(map ? 2 * length : length, map);
                    continue;
                case 0xC7 or 0xC8 or 0xC9:
                    if (!ReadBigEndian(body, ref i, 1 << (head - 0xC7), out length))
                    {
                        return;
                    }

                    i = (int)Math.Min(body.Length, i + 1 + length); // the type byte, then the data
                    continue;
                case >= 0xD4 and <= 0xD8:
                    i += 1 + (1 << (head - 0xD4)); // fixext: the type byte, then 1 to 16 bytes
                    continue;
                case 0xCA or 0xCE or 0xD2:
                    i += 4;
                    continue;
                case 0xCB or 0xCF or 0xD3:
                    i += 8;
                    continue;
                case 0xCC or 0xD0:
                    i += 1;
                    continue;
                case 0xCD or 0xD1:
                    i += 2;
                    continue;
                default:
                    return; // 0xC1, never used: not MessagePack
            }
        }
    }

    /// <summary>A big-endian length of <paramref name="size"/> bytes (1, 2 or 4) at <paramref name="i"/>; false when the body ends first.</summary>
    private static bool ReadBigEndian(ReadOnlySpan<byte> body, ref int i, int size, out long value)
    {
        value = 0;
        if (body.Length - i < size)
        {
            return false;
        }

        value = size switch
        {
            1 => body[i],
            2 => BinaryPrimitives.ReadUInt16BigEndian(body.Slice(i, 2)),
            _ => BinaryPrimitives.ReadUInt32BigEndian(body.Slice(i, 4)),
        };
        i += size;
        return true;
    }

    /// <summary>
    /// The string of <paramref name="length"/> bytes at <paramref name="i"/> of a MessagePack or CBOR document, as a name
    /// when it is a map key, else a value; as far as the body goes when it is cut short. A byte string
    /// (<paramref name="text"/> false) is added only when its bytes are text. Moves <paramref name="i"/> past it.
    /// </summary>
    private void AddDocumentString(SegmentSource source, ReadOnlySpan<byte> body, ref int i, long length, bool key, bool text)
    {
        int start = i;
        int count = (int)Math.Min(body.Length - start, length);
        i = start + count;
        if (count > 0 && (text || IsTextField(body.Slice(start, count), message: false)))
        {
            AddValue(key ? ArgNames : Args, source, body, start, count, ValueDecoding.None);
        }
    }
}
