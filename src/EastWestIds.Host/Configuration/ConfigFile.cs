using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EastWestIds.Host.Configuration;

/// <summary>
/// The optional config file: a flat YAML mapping of setting names to values (a list for list settings),
/// so the same file works as a Kubernetes ConfigMap.
/// </summary>
internal static class ConfigFile
{
    /// <summary>Reads <paramref name="path"/>; errors name the file and line.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Read(string path, ICollection<string> errors)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"config file {path}: {ex.Message}");
            return values;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add($"config file {path}:{ex.Start.Line}: {ex.Message}");
            return values;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and document loader throw these, not a YamlException, on some malformed input
            // (YamlDotNet issues 541, 1004).
            errors.Add($"config file {path}: not valid YAML: {ex.Message}");
            return values;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            errors.Add($"config file {path}: expected a mapping of setting names to values");
            return values;
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            switch (valueNode)
            {
                case YamlScalarNode scalar:
                    values[key] = [scalar.Value ?? string.Empty];
                    break;
                case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                    values[key] = sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToArray();
                    break;
                default:
                    errors.Add($"config file {path}:{keyNode.Start.Line}: '{key}' must be a value or a list of values");
                    break;
            }
        }

        return values;
    }
}
