using System.Text;

namespace EastWestIds.Policy.Requests;

/// <summary>
/// An <see cref="IAuthzHeaders"/> over a copied set of headers, for offline use (recorded requests, tests): names
/// lower-cased, values of a repeated header joined with <c>,</c>. The request path should implement
/// <see cref="IAuthzHeaders"/> over its own buffers instead.
/// </summary>
public sealed class HeaderMap : IAuthzHeaders
{
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Copies <paramref name="headers"/> (name, value) in order.</summary>
    public HeaderMap(IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var joined = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            string key = name.ToLowerInvariant();
            if (joined.TryGetValue(key, out var builder))
            {
                builder.Append(',').Append(value);
            }
            else
            {
                joined[key] = new StringBuilder(value);
            }
        }

        foreach (var (name, value) in joined)
        {
            _values[name] = Encoding.UTF8.GetBytes(value.ToString());
        }

        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <inheritdoc />
    public bool TryGetValue(ReadOnlySpan<byte> lowerCaseName, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (lowerCaseName.Length > 256)
        {
            return false;
        }

        Span<char> name = stackalloc char[lowerCaseName.Length];
        int written = Encoding.ASCII.GetChars(lowerCaseName, name);
        if (_lookup.TryGetValue(name[..written], out var bytes))
        {
            value = bytes;
            return true;
        }

        return false;
    }
}
