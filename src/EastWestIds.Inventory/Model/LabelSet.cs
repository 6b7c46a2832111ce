using System.Collections.Frozen;

namespace EastWestIds.Inventory.Model;

/// <summary>
/// An immutable set of Kubernetes labels (or a selector's <c>matchLabels</c>). Keys and values are compared
/// ordinally, as the API server does.
/// </summary>
public sealed class LabelSet
{
    /// <summary>The empty set: a selector with no labels selects everything it is asked about.</summary>
    public static readonly LabelSet Empty = new(FrozenDictionary<string, string>.Empty);

    private readonly FrozenDictionary<string, string> _labels;

    private LabelSet(FrozenDictionary<string, string> labels) => _labels = labels;

    /// <summary>Copies <paramref name="labels"/>; null or empty gives <see cref="Empty"/>.</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>>? labels)
    {
        if (labels is null)
        {
            return Empty;
        }

        var frozen = labels.ToFrozenDictionary(StringComparer.Ordinal);
        return frozen.Count == 0 ? Empty : new LabelSet(frozen);
    }

    /// <summary>Number of labels.</summary>
    public int Count => _labels.Count;

    /// <summary>The labels.</summary>
    public IReadOnlyDictionary<string, string> Values => _labels;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => _labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// True when every label of this set (used as a selector) is present with the same value in
    /// <paramref name="labels"/>. An empty selector matches everything.
    /// </summary>
    public bool IsSubsetOf(LabelSet labels)
    {
        foreach (var (key, value) in _labels)
        {
            if (!labels._labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Same keys and values.</summary>
    public bool SetEquals(LabelSet other) => Count == other.Count && IsSubsetOf(other);

    /// <inheritdoc />
    public override string ToString() => string.Join(",", _labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
