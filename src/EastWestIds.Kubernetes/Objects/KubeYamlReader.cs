using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EastWestIds.Kubernetes.Objects;

/// <summary>
/// Reads what <c>kubectl get -o yaml</c> prints (one object, several documents, or a <c>kind: List</c>) into
/// generic JSON objects. Plain scalars are typed by the YAML 1.2 core schema (numbers, true/false, null); quoted
/// ones stay strings, so <c>"8080"</c> stays text and <c>8080</c> becomes a number, as the API server would see it.
/// </summary>
public static partial class KubeYamlReader
{
    /// <summary>Every object in the file or in the YAML files (<c>.yaml</c>, <c>.yml</c>, <c>.json</c>) of the directory.</summary>
    /// <exception cref="KubeObjectFileException">a file cannot be read or is not Kubernetes YAML.</exception>
    public static List<JsonObject> ReadPath(string path)
    {
        IEnumerable<string> files;
        if (Directory.Exists(path))
        {
            files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new KubeObjectFileException($"{path}: no such file or directory");
        }

        var objects = new List<JsonObject>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubeObjectFileException($"{file}: cannot read: {ex.Message}");
            }

            objects.AddRange(Read(text, file));
        }

        return objects;
    }

    /// <summary>Every object in one YAML text; <paramref name="source"/> names it in errors.</summary>
    public static List<JsonObject> Read(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new KubeObjectFileException($"{source}:{ex.Start.Line}: not valid YAML: {ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and document loader throw these, not a YamlException, on some malformed input
            // (YamlDotNet issues 541, 1004).
            throw new KubeObjectFileException($"{source}: not valid YAML: {ex.Message}");
        }

        var objects = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue; // an empty document, e.g. after a trailing ---
            }

            var budget = new Budget();
            if (ToJson(document.RootNode, budget, 0, source) is not JsonObject root)
            {
                throw new KubeObjectFileException($"{source}:{document.RootNode.Start.Line}: a document is not a Kubernetes object (not a mapping)");
            }

            if (KubeJson.Text(root, "kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && root["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (item is JsonObject itemObject)
                    {
                        objects.Add(Checked(itemObject.DeepClone().AsObject(), source, document.RootNode.Start.Line));
                    }
                }

                continue;
            }

            objects.Add(Checked(root, source, document.RootNode.Start.Line));
        }

        return objects;
    }

    private static JsonObject Checked(JsonObject obj, string source, long line)
    {
        if (KubeJson.Text(obj, "kind") is null || KubeJson.Text(obj, "metadata", "name") is null)
        {
            throw new KubeObjectFileException($"{source}:{line}: an object without kind or metadata.name");
        }

        return obj;
    }

    /// <summary>
    /// Aliases can make a small file expand into an enormous tree ("billion laughs"); real objects are far below
    /// these limits, so exceeding them is an answer, not a hang.
    /// </summary>
    private sealed class Budget
    {
        public const int MaxNodes = 1_000_000;
        public const int MaxDepth = 128;
        public int Nodes;
    }

    private static JsonNode? ToJson(YamlNode node, Budget budget, int depth, string source)
    {
        if (++budget.Nodes > Budget.MaxNodes || depth > Budget.MaxDepth)
        {
            throw new KubeObjectFileException($"{source}:{node.Start.Line}: a document nests deeper than {Budget.MaxDepth} levels or expands to more than {Budget.MaxNodes} values (aliases?)");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[(key as YamlScalarNode)?.Value ?? key.ToString()] = ToJson(value, budget, depth + 1, source);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, budget, depth + 1, source));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return tag is null or "tag:yaml.org,2002:null" ? null : JsonValue.Create(text);
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text))
        {
            // decimal keeps the written scale: 10.0 stays 10.0 when printed again.
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                ? JsonValue.Create(exact)
                : JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
