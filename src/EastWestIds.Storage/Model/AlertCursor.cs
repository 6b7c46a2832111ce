using System.Buffers.Binary;
using System.Buffers.Text;

namespace EastWestIds.Storage.Model;

/// <summary>
/// The position after the last alert of a page: its (timestamp, id). Pages are ordered by (timestamp, id)
/// descending and the next page asks for rows strictly below the cursor, so inserts never shift a page:
/// no row is returned twice and none present when paging began is skipped. Opaque to clients: a version
/// byte and two integers, base64url.
/// </summary>
public readonly record struct AlertCursor(long TimestampMicros, long Id)
{
    private const byte Version = 1;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[17];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], TimestampMicros);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else (it is client input).</summary>
    public static bool TryParse(string? text, out AlertCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Base64Url.IsValid(text))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != 17 || bytes[0] != Version)
        {
            return false;
        }

        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (id <= 0)
        {
            return false;
        }

        cursor = new AlertCursor(BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), id);
        return true;
    }
}
