using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EastWestIds.Kubernetes.Objects;

/// <summary>
/// Prints objects as <c>kubectl</c> would accept them back: one YAML document each, separated by <c>---</c>.
/// A string that would read back as another type (<c>"true"</c>, <c>"8080"</c>, <c>"null"</c>) is quoted.
/// </summary>
public static partial class KubeYamlWriter
{
    /// <summary>Server-owned metadata that would only get in the way of <c>kubectl apply -f</c>.</summary>
    private static readonly string[] ServerFields = ["managedFields", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink"];

    /// <summary>Writes the objects; a non-null comment before an object is printed as <c># …</c> lines above it.</summary>
    public static void Write(TextWriter writer, IEnumerable<(string? Comment, JsonObject Object)> objects)
    {
        foreach (var (comment, obj) in objects)
        {
            writer.WriteLine("---");
            if (comment is not null)
            {
                foreach (var line in comment.Split('\n'))
                {
                    writer.WriteLine($"# {line}");
                }
            }

            writer.Write(ToYaml(WithoutServerFields(obj)));
        }
    }

    /// <summary>One object as a YAML document without a leading <c>---</c>.</summary>
    public static string ToYaml(JsonNode node)
    {
        var text = new StringWriter();
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>A copy without <c>status</c> and the server-owned metadata fields.</summary>
    public static JsonObject WithoutServerFields(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in ServerFields)
            {
                metadata.Remove(field);
            }
        }

        return copy;
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case null:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                EmitString(emitter, value.GetValue<string>());
                break;
            default:
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Length == 0 || LooksTyped().IsMatch(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, true, true));
    }

    /// <summary>Strings that a YAML reader (1.1 or 1.2) would type as something else when written plain.</summary>
    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")]
    private static partial Regex LooksTyped();
}
