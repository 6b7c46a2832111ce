using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Tests.Buffers;

internal static class BufferAssert
{
    /// <summary>A worker's buffers (default budgets unless given) reset to <paramref name="view"/>.</summary>
    public static RequestBuffers For(FakeRequestView view, RequestBufferLimits? limits = null)
    {
        var buffers = new RequestBuffers(limits ?? RequestBufferLimits.Default);
        buffers.Reset(view);
        return buffers;
    }

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>All values of a buffer as Latin-1 strings.</summary>
    public static string[] Values(IInspectionBuffers buffers, InspectionBuffer buffer)
    {
        var values = new string[buffers.Count(buffer)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Text(buffers.Get(buffer, i));
        }

        return values;
    }

    public static string Single(IInspectionBuffers buffers, InspectionBuffer buffer)
    {
        Assert.Equal(1, buffers.Count(buffer));
        return Text(buffers.Get(buffer, 0));
    }
}
