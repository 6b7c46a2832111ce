using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EastWestIds.Kubernetes.Objects;

/// <summary>
/// Reading and editing Kubernetes objects as generic JSON. Mirror management never maps a VirtualService onto a
/// typed model: a typed model drops the fields it does not know (a newer Istio's, an operator's), and writing it
/// back would delete them. Every edit here touches only the properties it names and keeps the rest, in order.
/// </summary>
public static class KubeJson
{
    /// <summary>The node at a path of property names, or null when any step is missing or not an object.</summary>
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The string at a path, or null when it is missing or not a string.</summary>
    public static string? Text(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The number at a path as a double, or null.</summary>
    public static double? Number(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? AsDouble(value) : null;

    /// <summary>A number node as a double, whatever CLR type backs it (long, decimal, JsonElement).</summary>
    public static double AsDouble(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The node's text when it is a string, else null.</summary>
    public static string? AsText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The array at a path, or an empty sequence.</summary>
    public static IEnumerable<JsonNode?> Items(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray array ? array : [];

    /// <summary><c>metadata.namespace</c>, <c>metadata.name</c> and <c>metadata.resourceVersion</c>.</summary>
    public static string Namespace(JsonObject obj) => Text(obj, "metadata", "namespace") ?? string.Empty;

    /// <inheritdoc cref="Namespace"/>
    public static string Name(JsonObject obj) => Text(obj, "metadata", "name") ?? string.Empty;

    /// <inheritdoc cref="Namespace"/>
    public static string? ResourceVersion(JsonObject obj) => Text(obj, "metadata", "resourceVersion");

    /// <summary><c>namespace/name</c>, for messages.</summary>
    public static string Key(JsonObject obj) => $"{Namespace(obj)}/{Name(obj)}";

    /// <summary>The object at <paramref name="key"/>, created (appended) when missing.</summary>
    public static JsonObject EnsureObject(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>
    /// Replaces the property <paramref name="oldKey"/> by <paramref name="newKey"/> at the same position, so a diff
    /// of the object shows one changed line instead of a moved block.
    /// </summary>
    public static void ReplaceAt(JsonObject obj, string oldKey, string newKey, JsonNode? value)
    {
        var index = obj.IndexOf(oldKey);
        if (index < 0)
        {
            obj[newKey] = value;
            return;
        }

        obj.RemoveAt(index);
        obj.Remove(newKey);
        obj.Insert(Math.Min(index, obj.Count), newKey, value);
    }

    /// <summary>Semantic equality: same values, object properties in any order.</summary>
    public static bool SameMeaning(JsonNode? left, JsonNode? right) => Canonical(left) == Canonical(right);

    /// <summary>JSON text with object properties sorted, numbers as doubles: equal text means equal meaning.</summary>
    public static string Canonical(JsonNode? node)
    {
        var buffer = new StringBuilder();
        WriteCanonical(node, buffer);
        return buffer.ToString();
    }

    /// <summary>A short, stable digest of <see cref="Canonical"/>.</summary>
    public static string Digest(JsonNode? node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(node))))[..16];

    private static void WriteCanonical(JsonNode? node, StringBuilder buffer)
    {
        switch (node)
        {
            case null:
                buffer.Append("null");
                break;
            case JsonObject obj:
                buffer.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    buffer.Append(first ? "" : ",").Append(JsonSerializer.Serialize(key)).Append(':');
                    WriteCanonical(value, buffer);
                    first = false;
                }

                buffer.Append('}');
                break;
            case JsonArray array:
                buffer.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    buffer.Append(i == 0 ? "" : ",");
                    WriteCanonical(array[i], buffer);
                }

                buffer.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                buffer.Append(AsDouble(value).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                buffer.Append(node.ToJsonString());
                break;
        }
    }
}
