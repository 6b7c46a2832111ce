using System.Text;

namespace EastWestIds.Policy.Matching;

/// <summary>
/// A whole-value match where each <c>*</c> stands for any run of bytes, <c>/</c> included, and everything else is
/// literal: what Istio's <c>namespaces</c> regex <c>.*/ns/&lt;v&gt;/.*</c> does once each <c>*</c> of the value has become
/// <c>.*</c>. Backtracks over the last star only (the classic wildcard algorithm), so matching is linear-ish and
/// allocation-free.
/// </summary>
public sealed class GlobPattern
{
    private readonly byte[] _pattern;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public GlobPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Text = pattern;
        _pattern = Encoding.UTF8.GetBytes(pattern);
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>True when all of <paramref name="value"/> matches.</summary>
    public bool Matches(ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> p = _pattern;
        int v = 0, i = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (i < p.Length && p[i] == (byte)'*')
            {
                star = i++;
                resume = v;
            }
            else if (i < p.Length && p[i] == value[v])
            {
                i++;
                v++;
            }
            else if (star >= 0)
            {
                i = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (i < p.Length && p[i] == (byte)'*')
        {
            i++;
        }

        return i == p.Length;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
