using System.Collections.Immutable;
using EastWestIds.Inventory.Snapshot;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EastWestIds.Inventory.Yaml;

/// <summary>
/// Reads the YAML that <c>kubectl get … -o yaml</c> prints (also JSON, a subset of YAML) into an
/// <see cref="InventoryBuilder"/>: files or directories (recursively, <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>,
/// in ordinal path order), multi-document files and <c>kind: List</c>. Kinds the inventory does not keep are
/// skipped and counted; a malformed object is an error naming the file and the document (and List item), and
/// reading goes on so that every error is reported at once. A YAML syntax error ends its file (the parser cannot
/// resynchronise) but not the read.
/// </summary>
public sealed class KubernetesYamlReader
{
    private const string IstioSecurity = "security.istio.io/";
    private const string IstioNetworking = "networking.istio.io/";

    /// <summary>The namespace of namespaced objects that name none (files written for <c>kubectl apply</c>).</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>Marks every AuthorizationPolicy read as existing only in files (not enforced by the mesh).</summary>
    public bool PoliciesAreFileOnly { get; init; }

    /// <summary>Reads every path into <paramref name="builder"/>.</summary>
    public InventoryReadResult Read(IEnumerable<string> paths, InventoryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(builder);
        var state = new ReadState(builder);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                ReadFile(path, state);
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    ReadFile(file, state);
                }
            }
            else
            {
                state.Errors.Add(new InventoryReadError(path, -1, null, "no such file or directory"));
            }
        }

        return new InventoryReadResult(state.Files, state.Objects, state.Skipped.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. state.Errors]);
    }

    /// <summary>Reads YAML text (for tests and for objects that arrive in memory); <paramref name="name"/> labels errors.</summary>
    public InventoryReadResult ReadText(string yaml, string name, InventoryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(builder);
        var state = new ReadState(builder);
        ReadStream(new StringReader(yaml), name, state);
        return new InventoryReadResult(state.Files, state.Objects, state.Skipped.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. state.Errors]);
    }

    private void ReadFile(string file, ReadState state)
    {
        try
        {
            using var reader = new StreamReader(file);
            ReadStream(reader, file, state);
        }
        catch (IOException e)
        {
            state.Errors.Add(new InventoryReadError(file, -1, null, e.Message));
        }
        catch (UnauthorizedAccessException e)
        {
            state.Errors.Add(new InventoryReadError(file, -1, null, e.Message));
        }
    }

    private void ReadStream(TextReader reader, string file, ReadState state)
    {
        state.Files++;
        var stream = new YamlStream();
        YamlException? syntax = null;
        Exception? scannerFailure = null;
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            // the documents completed before the error are kept and read; the failing one is reported
            syntax = e;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and document loader throw these, not a YamlException, on some malformed input
            // (YamlDotNet issues 541, 1004; found by fuzzing, fuzz/README.md): reported like a syntax error, without
            // a position.
            scannerFailure = e;
        }

        for (int i = 0; i < stream.Documents.Count; i++)
        {
            ReadDocument(stream.Documents[i].RootNode, file, i, state);
        }

        if (syntax is not null)
        {
            state.Errors.Add(new InventoryReadError(file, stream.Documents.Count, null, $"YAML syntax error at line {syntax.Start.Line}, column {syntax.Start.Column}: {syntax.Message}"));
        }
        else if (scannerFailure is not null)
        {
            state.Errors.Add(new InventoryReadError(file, stream.Documents.Count, null, $"YAML syntax error: {scannerFailure.Message}"));
        }
    }

    private void ReadDocument(YamlNode? root, string file, int index, ReadState state)
    {
        if (root is null || (root is YamlScalarNode scalar && string.IsNullOrEmpty(scalar.Value)))
        {
            return; // an empty document ("---" at the end of a file)
        }

        if (root is not YamlMappingNode map)
        {
            state.Errors.Add(new InventoryReadError(file, index, null, "a Kubernetes object must be a mapping"));
            return;
        }

        var top = YamlNodes.Of(map);
        string? kind;
        try
        {
            kind = top.String("kind");
        }
        catch (MalformedObjectException e)
        {
            state.Errors.Add(new InventoryReadError(file, index, null, e.Message));
            return;
        }

        if (kind is "List" || (kind?.EndsWith("List", StringComparison.Ordinal) == true && top.Has("items")))
        {
            int item = 0;
            try
            {
                foreach (var entry in top.Maps("items"))
                {
                    ReadObject(entry, file, index, item++, state);
                }
            }
            catch (MalformedObjectException e)
            {
                state.Errors.Add(new InventoryReadError(file, index, item, e.Message));
            }

            return;
        }

        ReadObject(top, file, index, null, state);
    }

    private void ReadObject(YamlNodes obj, string file, int index, int? item, ReadState state)
    {
        try
        {
            if (!obj.Exists)
            {
                throw new MalformedObjectException("the object is null");
            }

            string kind = obj.RequiredString("kind");
            string apiVersion = obj.RequiredString("apiVersion");
            var metadata = obj.Map("metadata");
            if (!metadata.Exists)
            {
                throw new MalformedObjectException("metadata is required");
            }

            string ns = metadata.String("namespace") is { Length: > 0 } given ? given : DefaultNamespace;
            var spec = obj.Map("spec");
            var builder = state.Builder;
            switch (kind)
            {
                case "Namespace" when apiVersion == "v1":
                    builder.Add(CoreObjectMapper.Namespace(metadata));
                    break;
                case "ServiceAccount" when apiVersion == "v1":
                    builder.Add(CoreObjectMapper.ServiceAccount(metadata, ns));
                    break;
                case "Service" when apiVersion == "v1":
                    builder.Add(CoreObjectMapper.Service(metadata, spec, ns));
                    break;
                case "Pod" when apiVersion == "v1":
                    builder.Add(CoreObjectMapper.Pod(metadata, spec, obj.Map("status"), ns));
                    break;
                case var workload when CoreObjectMapper.WorkloadKinds.Contains(workload) && apiVersion is "apps/v1" or "batch/v1":
                    builder.Add(CoreObjectMapper.Workload(workload, metadata, spec, ns));
                    break;
                case "AuthorizationPolicy" when apiVersion is IstioSecurity + "v1" or IstioSecurity + "v1beta1":
                    builder.Add(IstioObjectMapper.AuthorizationPolicy(apiVersion, metadata, spec, ns) with { FileOnly = PoliciesAreFileOnly });
                    break;
                case "PeerAuthentication" when apiVersion is IstioSecurity + "v1" or IstioSecurity + "v1beta1":
                    builder.Add(IstioObjectMapper.PeerAuthentication(metadata, spec, ns));
                    break;
                case "VirtualService" when apiVersion.StartsWith(IstioNetworking, StringComparison.Ordinal):
                    builder.Add(IstioObjectMapper.VirtualService(metadata, spec, ns));
                    break;
                default:
                    string label = $"{apiVersion}/{kind}";
                    state.Skipped[label] = state.Skipped.GetValueOrDefault(label) + 1;
                    return;
            }

            state.Objects++;
        }
        catch (MalformedObjectException e)
        {
            state.Errors.Add(new InventoryReadError(file, index, item, e.Message));
        }
    }

    private sealed class ReadState(InventoryBuilder builder)
    {
        public InventoryBuilder Builder { get; } = builder;

        public List<InventoryReadError> Errors { get; } = [];

        public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

        public int Files { get; set; }

        public int Objects { get; set; }
    }
}
