using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace EastWestIds.Engine.Alerts;

/// <summary>
/// Community ID v1 (corelight/community-id-spec) for a TCP flow, so SIEMs can join our records with
/// Suricata's and Zeek's: <c>1:</c> + base64(SHA-1(seed, ordered addresses, protocol, padding, ordered ports)).
/// </summary>
internal static class CommunityId
{
    private const byte ProtocolTcp = 6;

    /// <summary>Writes the id as ASCII into <paramref name="destination"/> (at least 30 bytes); returns the length, or 0.</summary>
    public static int Format(IPAddress source, int sourcePort, IPAddress destination, int destinationPort, Span<byte> output)
    {
        Span<byte> src = stackalloc byte[16];
        Span<byte> dst = stackalloc byte[16];
        if (!source.TryWriteBytes(src, out var srcLength) || !destination.TryWriteBytes(dst, out var dstLength) || srcLength != dstLength)
        {
            return 0;
        }

        src = src[..srcLength];
        dst = dst[..dstLength];

        // The flow is ordered so both directions hash alike: smaller (address, port) first.
        var order = src.SequenceCompareTo(dst);
        var swap = order > 0 || (order == 0 && sourcePort > destinationPort);
        Span<byte> input = stackalloc byte[2 + 16 + 16 + 2 + 4];
        var length = 0;
        BinaryPrimitives.WriteUInt16BigEndian(input, 0); // seed 0
        length += 2;
        (swap ? dst : src).CopyTo(input[length..]);
        length += srcLength;
        (swap ? src : dst).CopyTo(input[length..]);
        length += dstLength;
        input[length++] = ProtocolTcp;
        input[length++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(input[length..], (ushort)(swap ? destinationPort : sourcePort));
        length += 2;
        BinaryPrimitives.WriteUInt16BigEndian(input[length..], (ushort)(swap ? sourcePort : destinationPort));
        length += 2;

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        "1:"u8.CopyTo(output);
        System.Buffers.Text.Base64.EncodeToUtf8(hash, output[2..], out _, out var encoded);
        return 2 + encoded;
    }
}
