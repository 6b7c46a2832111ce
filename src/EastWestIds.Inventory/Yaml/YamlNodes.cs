using System.Collections.Immutable;
using System.Globalization;
using EastWestIds.Inventory.Model;
using YamlDotNet.RepresentationModel;

namespace EastWestIds.Inventory.Yaml;

/// <summary>
/// Typed access to a YAML mapping with errors that name the field path. Absent fields and explicit nulls read as
/// absent; a field of the wrong shape throws <see cref="MalformedObjectException"/>.
/// </summary>
internal readonly struct YamlNodes(YamlMappingNode? node, string path)
{
    public bool Exists => node is not null;

    public string Path => path;

    public static YamlNodes Of(YamlMappingNode node) => new(node, "");

    public YamlNode? Raw(string key)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return IsNull(value) ? null : value;
        }

        return null;
    }

    public bool Has(string key) => Raw(key) is not null;

    public YamlNodes Map(string key)
    {
        var value = Raw(key);
        return value switch
        {
            null => new YamlNodes(null, Join(key)),
            YamlMappingNode map => new YamlNodes(map, Join(key)),
            _ => throw Malformed(key, "a mapping"),
        };
    }

    public string? String(string key)
    {
        var value = Raw(key);
        return value switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value ?? "",
            _ => throw Malformed(key, "a scalar"),
        };
    }

    public string RequiredString(string key) =>
        String(key) is { Length: > 0 } value ? value : throw new MalformedObjectException($"{Join(key)} is required");

    public int? Int(string key, int min, int max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new MalformedObjectException($"{Join(key)}: '{text}' is not an integer in [{min}, {max}]");
        }

        return value;
    }

    public double? Double(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new MalformedObjectException($"{Join(key)}: '{text}' is not a number");
        }

        return value;
    }

    public bool Bool(string key)
    {
        var text = String(key);
        return text is not null && bool.TryParse(text, out bool value) && value;
    }

    public ImmutableArray<string> Strings(string key)
    {
        var value = Raw(key);
        if (value is null)
        {
            return [];
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Malformed(key, "a list of strings");
        }

        var result = ImmutableArray.CreateBuilder<string>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is not YamlScalarNode scalar || IsNull(scalar))
            {
                throw new MalformedObjectException($"{Join(key)}[{i}] must be a string");
            }

            result.Add(scalar.Value ?? "");
        }

        return result.MoveToImmutable();
    }

    /// <summary>Each element of a list of mappings; a null element is returned as a non-existing view.</summary>
    public IEnumerable<YamlNodes> Maps(string key)
    {
        var value = Raw(key);
        if (value is null)
        {
            yield break;
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw Malformed(key, "a list");
        }

        for (int i = 0; i < sequence.Children.Count; i++)
        {
            var child = sequence.Children[i];
            string childPath = $"{Join(key)}[{i}]";
            yield return child switch
            {
                YamlMappingNode map => new YamlNodes(map, childPath),
                _ when IsNull(child) => new YamlNodes(null, childPath),
                _ => throw new MalformedObjectException($"{childPath} must be a mapping"),
            };
        }
    }

    public LabelSet Labels(string key)
    {
        var value = Raw(key);
        if (value is null)
        {
            return LabelSet.Empty;
        }

        if (value is not YamlMappingNode map)
        {
            throw Malformed(key, "a mapping of strings");
        }

        var pairs = new List<KeyValuePair<string, string>>(map.Children.Count);
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode keyScalar || v is not YamlScalarNode valueScalar)
            {
                throw Malformed(key, "a mapping of strings");
            }

            pairs.Add(new(keyScalar.Value ?? "", IsNull(valueScalar) ? "" : valueScalar.Value ?? ""));
        }

        return LabelSet.From(pairs);
    }

    public IEnumerable<(string Key, YamlNodes Value)> Entries()
    {
        if (node is null)
        {
            yield break;
        }

        foreach (var (k, v) in node.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? throw new MalformedObjectException($"{path}: keys must be strings");
            if (v is YamlMappingNode map)
            {
                yield return (key, new YamlNodes(map, Join(key)));
            }
            else if (!IsNull(v))
            {
                throw Malformed(key, "a mapping");
            }
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } scalar
        && (scalar.Value is null || scalar.Value is "" or "~" or "null" or "Null" or "NULL");

    private string Join(string key) => path.Length == 0 ? key : $"{path}.{key}";

    private MalformedObjectException Malformed(string key, string expected) => new($"{Join(key)} must be {expected}");
}
