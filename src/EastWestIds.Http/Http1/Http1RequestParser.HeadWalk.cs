using System.Buffers;
using System.Runtime.CompilerServices;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

// Walking a located head that spans several segments, segment by segment: a line inside one segment is handed
// out in place; only a line that crosses a boundary is assembled in a carry buffer (on the stack up to 256 bytes,
// pooled beyond). One pass, no SequenceReader per line.
public sealed partial class Http1RequestParser
{
    /// <summary>Lines up to this size are assembled on the stack; longer ones in a pooled array.</summary>
    private const int StackScratchBytes = 256;

    /// <summary>Processes every line of <paramref name="head"/> (complete, CRLF-terminated lines, request line first).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason WalkHead<THandler>(in ReadOnlySequence<byte> head, ref THandler handler, ref RequestFramingBuilder builder)
        where THandler : struct, IHttpRequestHandler
    {
        Span<byte> carry = stackalloc byte[StackScratchBytes];
        byte[]? rented = null;
        int carried = 0;
        bool requestLine = true;
        try
        {
            SequencePosition position = head.Start;
            while (head.TryGet(ref position, out ReadOnlyMemory<byte> memory))
            {
                ReadOnlySpan<byte> span = memory.Span;
                while (!span.IsEmpty)
                {
                    int lineFeed = span.IndexOf(ByteLF);
                    if (lineFeed < 0)
                    {
                        Carry(span, ref carry, ref rented, ref carried);
                        break;
                    }

                    // The line with its CR, in place or completed in the carry buffer.
                    scoped ReadOnlySpan<byte> line = span[..lineFeed];
                    if (carried > 0)
                    {
                        Carry(line, ref carry, ref rented, ref carried);
                        line = carry[..carried];
                        carried = 0;
                    }

                    span = span[(lineFeed + 1)..];
                    if (line.Length == 1 && !requestLine)
                    {
                        return RequestRejectionReason.None; // the empty line that ends the head
                    }

                    RequestRejectionReason reason = ProcessHeadLine(line[..^1], requestLine, ref handler, ref builder);
                    if (reason != RequestRejectionReason.None)
                    {
                        return reason;
                    }

                    requestLine = false;
                }
            }

            return RequestRejectionReason.None;
        }
        finally
        {
            if (rented is not null)
            {
                // Heads carry cookies and tokens: do not leave them in a shared pool.
                rented.AsSpan().Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static RequestRejectionReason ProcessHeadLine<THandler>(ReadOnlySpan<byte> line, bool requestLine, ref THandler handler, ref RequestFramingBuilder builder)
        where THandler : struct, IHttpRequestHandler
        => requestLine
            ? ProcessRequestLine(line, ref handler, out builder.Version)
            : ProcessFieldLine(line, ref handler, ref builder);

    /// <summary>Appends <paramref name="piece"/> to the carry buffer, moving it to a larger pooled array if needed.</summary>
    private static void Carry(scoped ReadOnlySpan<byte> piece, ref Span<byte> carry, ref byte[]? rented, ref int carried)
    {
        int needed = carried + piece.Length;
        if (needed > carry.Length)
        {
            // Lines are bounded by the limits already checked, so this stays within MaxHeaderBytes.
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, carry.Length * 2));
            carry[..carried].CopyTo(larger);
            if (rented is not null)
            {
                rented.AsSpan(0, carried).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }

            rented = larger;
            carry = larger;
        }

        piece.CopyTo(carry[carried..]);
        carried = needed;
    }
}
