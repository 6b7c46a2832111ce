using System.Text;

namespace EastWestIds.Engine.Inspection;

public sealed partial class MirroredRequest
{
    /// <summary>The first value of a known header, or empty.</summary>
    public ReadOnlySpan<byte> GetHeader(KnownHeader header)
    {
        var index = _knownIndex[(int)header];
        if (index < 0)
        {
            return default;
        }

        var entry = _headers[index];
        return _data.AsSpan(entry.ValueStart, entry.ValueLength);
    }

    /// <summary>True when the header is present, even with an empty value.</summary>
    public bool HasHeader(KnownHeader header) => _knownIndex[(int)header] >= 0;

    /// <summary>How many header fields carry this name.</summary>
    public int CountHeader(KnownHeader header) => _knownCount[(int)header];

    /// <summary>The first value of a header by name (case-insensitive), or false.</summary>
    public bool TryGetHeader(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < _headerCount; i++)
        {
            var entry = _headers[i];
            if (!entry.IsTrailer && Ascii.EqualsIgnoreCase(_data.AsSpan(entry.NameStart, entry.NameLength), name))
            {
                value = _data.AsSpan(entry.ValueStart, entry.ValueLength);
                return true;
            }
        }

        value = default;
        return false;
    }

    public ReadOnlySpan<byte> HeaderName(int index)
    {
        var entry = _headers[index];
        return _data.AsSpan(entry.NameStart, entry.NameLength);
    }

    public ReadOnlySpan<byte> HeaderValue(int index)
    {
        var entry = _headers[index];
        return _data.AsSpan(entry.ValueStart, entry.ValueLength);
    }

    public bool IsTrailer(int index) => _headers[index].IsTrailer;
}
