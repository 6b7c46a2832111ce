using System.Buffers;
using System.Buffers.Binary;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Enforce mode reads the first bytes of a body before anything is forwarded, so that they can be judged while the
/// upstream has seen nothing. It reads until the inspection budget is full, the body ends, or, for gRPC, the first
/// message is complete (a unary or client-streaming call may send one small message and wait for the answer;
/// waiting for the full budget there would stall the call). The bytes live in one pooled buffer that
/// <see cref="PrefixReplayStream"/> later hands to the forwarder ahead of the rest of the body.
/// </summary>
internal static class BodyPrefix
{
    /// <summary>Reads the prefix of <paramref name="body"/> into a rented buffer (returned by the caller).</summary>
    public static async ValueTask<(byte[] Buffer, int Length, bool Ended)> ReadAsync(Stream body, int budget, bool grpc, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(budget, 1));
        var length = 0;
        try
        {
            while (length < budget)
            {
                var read = await body.ReadAsync(buffer.AsMemory(length, budget - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length, true);
                }

                length += read;
                if (grpc && FirstGrpcMessageComplete(buffer.AsSpan(0, length)))
                {
                    break;
                }
            }

            return (buffer, length, false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>gRPC framing: 1 byte compressed flag, 4 bytes big-endian length, then the message (gRPC over HTTP/2 spec).</summary>
    internal static bool FirstGrpcMessageComplete(ReadOnlySpan<byte> data)
        => data.Length >= 5 && data.Length - 5 >= BinaryPrimitives.ReadUInt32BigEndian(data[1..5]);
}
