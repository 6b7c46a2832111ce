using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>A test double of the decoded buffers: values set per buffer as text (Latin-1) or bytes.</summary>
internal sealed class FakeBuffers : IInspectionBuffers
{
    private readonly Dictionary<InspectionBuffer, List<byte[]>> _values = [];

    public int GetCalls { get; private set; }

    public FakeBuffers With(InspectionBuffer buffer, params string[] values)
    {
        _values[buffer] = [.. values.Select(Encoding.Latin1.GetBytes)];
        return this;
    }

    public FakeBuffers With(InspectionBuffer buffer, byte[] value)
    {
        _values[buffer] = [value];
        return this;
    }

    public static FakeBuffers Uri(string uri) => new FakeBuffers().With(InspectionBuffer.HttpUri, uri);

    public int Count(InspectionBuffer buffer) => _values.TryGetValue(buffer, out List<byte[]>? list) ? list.Count : 0;

    public ReadOnlySpan<byte> Get(InspectionBuffer buffer, int index)
    {
        GetCalls++;
        return _values[buffer][index];
    }
}
