using EastWestIds.Host.Configuration;
using EastWestIds.TestCommon;
using YamlDotNet.RepresentationModel;
using static EastWestIds.Host.FunctionalTests.Manifests.ManifestSet;

namespace EastWestIds.Host.FunctionalTests.Manifests;

/// <summary>
/// What a mesh admin applies from istio/ must fit together: the Deployment's arguments are valid settings of this
/// build, its ports are the ones the Service, the policies and the example mirror use, and the hardening the README
/// promises is there. A broken manifest fails here rather than in someone's cluster.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly ManifestSet Deploy = ManifestSet.Load("istio/deploy");

    private static YamlMappingNode Container => Assert.IsType<YamlMappingNode>(Assert.Single(Items(Deploy.Single("Deployment"), "spec", "template", "spec", "containers")));

    [Theory]
    [InlineData("istio/deploy")]
    [InlineData("istio/mirror")]
    [InlineData("istio/optional")]
    public void EveryObject_HasApiVersionKindAndName(string directory)
    {
        var set = ManifestSet.Load(directory);
        Assert.NotEmpty(set.Objects);
        foreach (var (file, obj) in set.Objects.Where(o => Text(o.Object, "kind") != "Kustomization"))
        {
            Assert.False(string.IsNullOrEmpty(Text(obj, "apiVersion")), $"{file}: apiVersion");
            Assert.False(string.IsNullOrEmpty(Text(obj, "metadata", "name")), $"{file}: metadata.name");
        }
    }

    [Fact]
    public void Kustomization_ListsEveryManifestOfTheDirectory()
    {
        var listed = Items(Deploy.Single("Kustomization"), "resources").Select(n => ((YamlScalarNode)n).Value).Order(StringComparer.Ordinal);
        var files = Deploy.Objects.Select(o => o.File).Where(f => f != "kustomization.yaml").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(files, listed);
    }

    [Fact]
    public void DeploymentArguments_AreValidSettingsOfThisBuild_AndMatchTheManifests()
    {
        var options = BindContainerSettings();
        var ns = Text(Deploy.Single("Namespace"), "metadata", "name");
        var serviceAccount = Text(Deploy.Single("Deployment"), "spec", "template", "spec", "serviceAccountName");
        var service = Deploy.Single("Service");

        Assert.Equal(ContainerPort("http-mirror"), options.MirrorPort);
        Assert.Equal(ContainerPort("grpc-mirror"), options.GrpcPort);
        Assert.Equal(ContainerPort("http-admin"), options.AdminPort);
        Assert.Equal($"spiffe://cluster.local/ns/{ns}/sa/{serviceAccount}", options.Inspection.SinkIdentity);
        Assert.Equal(Text(service, "metadata", "name"), options.Inspection.SinkService);
        Assert.Equal(ns, options.Inspection.SinkNamespace);
        Assert.Equal(Text(Deploy.Single("ServiceAccount"), "metadata", "name"), serviceAccount);
    }

    [Fact]
    public void Service_DeclaresHttpAndGrpcMirrorPorts_OnTheContainersPorts()
    {
        var service = Deploy.Single("Service");
        var ports = Items(service, "spec", "ports").ToDictionary(p => Text(p, "name")!, p => p);
        Assert.Equal("http", Text(ports["http-mirror"], "appProtocol"));
        Assert.Equal("grpc", Text(ports["grpc-mirror"], "appProtocol"));
        foreach (var port in ports.Values)
        {
            // Named target ports resolve against the container; a typo would leave the port without endpoints.
            Assert.True(ContainerPort(Text(port, "targetPort")!) > 0, $"targetPort {Text(port, "targetPort")}");
        }

        AssertSelects(Node(service, "spec", "selector"));
    }

    [Fact]
    public void Deployment_IsHardenedAndProbedOnTheAdminPort()
    {
        var pod = Node(Deploy.Single("Deployment"), "spec", "template", "spec")!;
        Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("false", Text(Container, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal("true", Text(Container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal(["ALL"], Items(Container, "securityContext", "capabilities", "drop").Select(n => ((YamlScalarNode)n).Value));
        Assert.NotNull(Text(Container, "resources", "requests", "cpu"));
        Assert.NotNull(Text(Container, "resources", "limits", "memory"));
        Assert.Equal("/readyz", Text(Container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", Text(Container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("http-admin", Text(Container, "readinessProbe", "httpGet", "port"));
        Assert.Equal("http-admin", Text(Container, "livenessProbe", "httpGet", "port"));
        Assert.Contains(Items(Container, "volumeMounts"), m => Text(m, "mountPath") == "/tmp");
    }

    [Fact]
    public void PeerAuthentication_IsStrict_ForTheSink()
    {
        var peer = Deploy.Single("PeerAuthentication");
        Assert.Equal("STRICT", Text(peer, "spec", "mtls", "mode"));
        AssertSelects(Node(peer, "spec", "selector", "matchLabels"));
    }

    [Fact]
    public void DestinationRule_BoundsTheCallersConnectionPools()
    {
        var rule = Deploy.Single("DestinationRule");
        Assert.Equal(ServiceHost(), Text(rule, "spec", "host"));
        Assert.NotNull(Text(rule, "spec", "trafficPolicy", "connectionPool", "tcp", "maxConnections"));
        Assert.NotNull(Text(rule, "spec", "trafficPolicy", "connectionPool", "tcp", "connectTimeout"));
        Assert.NotNull(Text(rule, "spec", "trafficPolicy", "connectionPool", "http", "http1MaxPendingRequests"));
        Assert.NotNull(Text(rule, "spec", "trafficPolicy", "connectionPool", "http", "http2MaxRequests"));
    }

    [Fact]
    public void AuthorizationPolicy_OpensTheMirrorPortsOnly()
    {
        var policy = Deploy.Single("AuthorizationPolicy");
        Assert.Equal("ALLOW", Text(policy, "spec", "action"));
        AssertSelects(Node(policy, "spec", "selector", "matchLabels"));
        var ports = Items(policy, "spec", "rules")
            .SelectMany(r => Items(r, "to"))
            .SelectMany(t => Items(t, "operation", "ports"))
            .Select(p => int.Parse(((YamlScalarNode)p).Value!, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        Assert.Equal(new HashSet<int> { ContainerPort("http-mirror"), ContainerPort("grpc-mirror") }, ports);
    }

    [Fact]
    public void InventoryRole_OnlyListsAndWatches_AndIsBoundToTheSink()
    {
        var role = Assert.Single(Deploy.All("ClusterRole"));
        foreach (var rule in Items(role, "rules"))
        {
            Assert.Equal(["list", "watch"], Items(rule, "verbs").Select(v => ((YamlScalarNode)v).Value));
        }

        var subject = Assert.Single(Items(Deploy.Single("ClusterRoleBinding"), "subjects"));
        Assert.Equal(Text(Deploy.Single("ServiceAccount"), "metadata", "name"), Text(subject, "name"));
        Assert.Equal(Text(Deploy.Single("Namespace"), "metadata", "name"), Text(subject, "namespace"));
    }

    [Fact]
    public void ExampleMirror_TargetsAnHttpPortTheSinkServiceExposes()
    {
        var service = Deploy.Single("Service");
        foreach (var vs in ManifestSet.Load("istio/mirror").All("VirtualService"))
        {
            foreach (var route in Items(vs, "spec", "http"))
            {
                Assert.False(Node(route, "mirror") is not null && Node(route, "mirrors") is not null, "mirror and mirrors are exclusive");
                var mirror = Node(route, "mirror")!;
                Assert.Equal(ServiceHost(), Text(mirror, "host"));
                var port = Text(mirror, "port", "number");
                var exposed = Assert.Single(Items(service, "spec", "ports"), p => Text(p, "port") == port);
                Assert.Equal("http", Text(exposed, "appProtocol"));
            }
        }
    }

    private static ServeOptions BindContainerSettings()
    {
        var commandLine = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var args = Items(Container, "args").Select(a => ((YamlScalarNode)a).Value!).ToList();
        Assert.Equal("serve", args[0]);
        foreach (var arg in args.Skip(1))
        {
            Assert.StartsWith("--", arg);
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            Assert.Contains(ServeSettings.All, s => s.Name == name);
            commandLine.TryAdd(name, []);
            commandLine[name].Add(eq > 0 ? arg[(eq + 1)..] : "true");
        }

        var environment = Items(Container, "env").ToDictionary(e => Text(e, "name")!, e => Text(e, "value"));
        foreach (var name in environment.Keys)
        {
            // The admin token is a secret: an environment variable only (never an option), taken from a Secret.
            if (name == EastWestIds.Host.Api.AdminAuthOptions.TokenEnvironmentVariable)
            {
                Assert.Null(environment[name]);
                environment[name] = "token-from-the-secret";
                continue;
            }

            Assert.Contains(ServeSettings.All, s => s.EnvironmentVariable == name);
        }

        var reader = new SettingsReader(
            s => commandLine.TryGetValue(s.Name, out var values) ? values : null,
            name => environment.GetValueOrDefault(name),
            new Dictionary<string, IReadOnlyList<string>>(),
            ServeSettings.All);
        var options = ServeOptionsBinder.Bind(reader);
        Assert.Empty(reader.Errors);
        return options;
    }

    private static int ContainerPort(string name) =>
        int.Parse(Text(Assert.Single(Items(Container, "ports"), p => Text(p, "name") == name), "containerPort")!, System.Globalization.CultureInfo.InvariantCulture);

    private static string ServiceHost()
    {
        var service = Deploy.Single("Service");
        return $"{Text(service, "metadata", "name")}.{Text(service, "metadata", "namespace")}.svc.cluster.local";
    }

    private static void AssertSelects(YamlNode? selector)
    {
        var labels = Assert.IsType<YamlMappingNode>(Node(Deploy.Single("Deployment"), "spec", "template", "metadata", "labels"));
        var map = Assert.IsType<YamlMappingNode>(selector);
        Assert.NotEmpty(map.Children);
        foreach (var (key, value) in map.Children)
        {
            Assert.Equal(((YamlScalarNode)value).Value, (labels.Children.TryGetValue(key, out var v) ? v as YamlScalarNode : null)?.Value);
        }
    }
}
