using EastWestIds.TestCommon;
using YamlDotNet.RepresentationModel;

namespace EastWestIds.Host.FunctionalTests.Manifests;

/// <summary>Every Kubernetes object in a directory of YAML files, parsed with YamlDotNet's representation model.</summary>
internal sealed class ManifestSet
{
    private ManifestSet(IReadOnlyList<(string File, YamlMappingNode Object)> objects) => Objects = objects;

    public IReadOnlyList<(string File, YamlMappingNode Object)> Objects { get; }

    public static ManifestSet Load(string directory)
    {
        var objects = new List<(string, YamlMappingNode)>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.InRepository(directory), "*.yaml").Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                var root = Assert.IsType<YamlMappingNode>(document.RootNode);
                objects.Add((Path.GetFileName(file), root));
            }
        }

        return new ManifestSet(objects);
    }

    public YamlMappingNode Single(string kind) => Assert.Single(All(kind));

    public IEnumerable<YamlMappingNode> All(string kind) =>
        Objects.Where(o => Text(o.Object, "kind") == kind).Select(o => o.Object);

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    public static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? sequence.Children : [];
}
