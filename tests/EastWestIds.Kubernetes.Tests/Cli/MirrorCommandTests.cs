using System.CommandLine;
using System.Text.Json.Nodes;
using EastWestIds.Host.Cli;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.Kubernetes.Objects;
using EastWestIds.TestCommon.Kubernetes;
using EastWestIds.Kubernetes.Tests.Mirrors;

namespace EastWestIds.Kubernetes.Tests.Cli;

/// <summary><c>ewids mirror</c> through the command's entry point: exit codes, messages, --dry-run YAML, offline files.</summary>
public sealed class MirrorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-mirror-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLineApp.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The cluster as kubectl get -o yaml would print it: a List of Services and separate documents.</summary>
    private string WriteObjects(bool withOwnMirror = false)
    {
        var objects = Path.Combine(_dir, "objects");
        Directory.CreateDirectory(objects);
        var services = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(TestObjects.SinkService(), TestObjects.Service("reviews")) };
        File.WriteAllText(Path.Combine(objects, "services.yaml"), KubeYamlWriter.ToYaml(services));
        using var writer = new StringWriter();
        KubeYamlWriter.Write(writer, [(null, TestObjects.StrictPeerAuthentication()), (null, TestObjects.ReviewsVirtualService(withOwnMirror))]);
        File.WriteAllText(Path.Combine(objects, "istio.yaml"), writer.ToString());
        return objects;
    }

    [Fact]
    public async Task AddDryRun_OfflineFromYaml_PrintsTheEditedVirtualServiceAsYaml()
    {
        var objects = WriteObjects();

        var (code, stdout, stderr) = await RunAsync("mirror", "add", "reviews", "-n", "default", "--percent", "10", "--dry-run", "--objects", objects);

        Assert.Equal(MirrorCommand.Done, code);
        Assert.StartsWith("---\n# VirtualService default/reviews: mirror http[0], http[1] to ewids.ewids-system.svc.cluster.local at 10%\n", stdout);
        var printed = Assert.Single(KubeYamlReader.Read(stdout, "stdout"));
        Assert.Equal("ewids.ewids-system.svc.cluster.local", KubeJson.Text(printed["spec"]!["http"]![0], "mirror", "host"));
        Assert.Equal("007", KubeJson.Text(printed["spec"]!["http"]![1], "headers", "request", "set", "x-team")); // still a string
        Assert.True(JsonNode.DeepEquals(MirrorAddTests.WithoutMirrors(KubeYamlWriter.WithoutServerFields(TestObjects.ReviewsVirtualService())), MirrorAddTests.WithoutMirrors(printed)));
        Assert.Contains("assuming older than 1.19", stderr);
        Assert.Contains("dry run: 1 change(s) printed, nothing applied", stderr);
    }

    [Fact]
    public async Task RemoveDryRun_OnWhatAddPrinted_GivesBackTheOriginal()
    {
        var objects = WriteObjects(withOwnMirror: true);
        var (addCode, added, addErr) = await RunAsync("mirror", "add", "reviews.default", "--istio-version", "1.20", "--dry-run", "--objects", objects);
        Assert.True(addCode == 0, addErr);
        File.WriteAllText(Path.Combine(objects, "istio.yaml"), added + KubeYamlWriter.ToYaml(TestObjects.StrictPeerAuthentication()).Insert(0, "---\n"));

        var (code, removed, stderr) = await RunAsync("mirror", "remove", "reviews", "-n", "default", "--dry-run", "--objects", objects);

        Assert.True(code == MirrorCommand.Done, stderr);
        var restored = Assert.Single(KubeYamlReader.Read(removed, "stdout"));
        Assert.True(JsonNode.DeepEquals(KubeYamlWriter.WithoutServerFields(TestObjects.ReviewsVirtualService(withOwnMirror: true)), restored), restored.ToJsonString());
    }

    [Fact]
    public async Task AddOffline_TheSink_Exits1WithTheReason()
    {
        var (code, stdout, stderr) = await RunAsync("mirror", "add", "ewids", "-n", "ewids-system", "--dry-run", "--objects", WriteObjects());

        Assert.Equal(MirrorCommand.RefusedOrFailed, code);
        Assert.Empty(stdout);
        Assert.Contains("ewids mirror add: refused: ewids-system/ewids is the sink itself", stderr);
        Assert.Contains("nothing was changed", stderr);
    }

    [Theory]
    [InlineData("no SERVICE given", "mirror", "add", "-n", "default")]
    [InlineData("which namespace is 'reviews' in? Give -n NAMESPACE", "mirror", "add", "reviews")]
    [InlineData("--percent: '0' is not a percentage above 0 and at most 100", "mirror", "add", "reviews", "-n", "default", "--percent", "0")]
    [InlineData("--percent: 'lots' is not a percentage", "mirror", "add", "reviews", "-n", "default", "--percent", "lots")]
    [InlineData("--percent: '101' is not", "mirror", "add", "reviews", "-n", "default", "--percent", "101")]
    [InlineData("--sink: 'ewids' has no namespace", "mirror", "add", "reviews", "-n", "default", "--sink", "ewids")]
    [InlineData("--sink: '99999' is not a port", "mirror", "add", "reviews", "-n", "default", "--sink", "ewids.ewids-system:99999")]
    [InlineData("--istio-version: 'banana' is not a version", "mirror", "add", "reviews", "-n", "default", "--istio-version", "banana")]
    [InlineData("--objects reads files that cannot be written: add --dry-run", "mirror", "add", "reviews", "-n", "default", "--objects", "x.yaml")]
    [InlineData("unknown option or argument '--bogus'", "mirror", "remove", "reviews", "-n", "default", "--bogus")]
    [InlineData("'reviews.default' is in namespace default, not prod", "mirror", "remove", "reviews.default", "-n", "prod")]
    [InlineData("say add, remove or list", "mirror")]
    [InlineData("unknown command 'frob'", "mirror", "frob")]
    public async Task UsageErrors_Exit2WithAMessage(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);

        Assert.Equal(MirrorCommand.Usage, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task Objects_Missing_Exit2()
    {
        var (code, _, stderr) = await RunAsync("mirror", "list", "--objects", Path.Combine(_dir, "nope"));

        Assert.Equal(MirrorCommand.Usage, code);
        Assert.Contains("no such file or directory", stderr);
    }

    [Fact]
    public async Task Objects_NotYaml_Exit2WithFileAndLine()
    {
        var file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, "apiVersion: v1\nkind: Service\nmetadata: {name: x\n");

        var (code, _, stderr) = await RunAsync("mirror", "list", "--objects", file);

        Assert.Equal(MirrorCommand.Usage, code);
        Assert.Contains($"{file}:", stderr);
        Assert.Contains("not valid YAML", stderr);
    }

    [Fact]
    public async Task Kubeconfig_UnknownContext_Exit2()
    {
        await using var server = await TestApiServer.StartAsync();
        var kubeconfig = server.WriteKubeconfig(_dir);

        var (code, _, stderr) = await RunAsync("mirror", "list", "--kubeconfig", kubeconfig, "--context", "elsewhere");

        Assert.Equal(MirrorCommand.Usage, code);
        Assert.Contains("cannot use the Kubernetes configuration", stderr);
    }

    [Fact]
    public async Task Live_AddListRemove_ThroughKubeconfig()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(), TestObjects.Service("ratings", portName: "grpc", port: 9090));
        var kubeconfig = scenario.Server.WriteKubeconfig(_dir);

        var add = await RunAsync("mirror", "add", "reviews", "-n", "default", "--percent", "12.5", "--kubeconfig", kubeconfig, "--context", "test");
        var addGrpc = await RunAsync("mirror", "add", "ratings", "-n", "default", "--sink", "ewids.ewids-system:9999", "--kubeconfig", kubeconfig);
        var list = await RunAsync("mirror", "list", "--kubeconfig", kubeconfig);
        var remove = await RunAsync("mirror", "remove", "reviews", "-n", "default", "--kubeconfig", kubeconfig);
        var removeAgain = await RunAsync("mirror", "remove", "reviews", "-n", "default", "--kubeconfig", kubeconfig);

        Assert.True(add.Code == 0, add.Err);
        Assert.Equal("VirtualService default/reviews: mirror http[0], http[1] to ewids.ewids-system.svc.cluster.local at 12.5%\n", add.Out);
        Assert.True(addGrpc.Code == 0, addGrpc.Err);
        Assert.Contains("warning: the sink Service ewids-system/ewids has no port 9999", addGrpc.Err);
        var rows = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("SERVICE", rows[0]);
        Assert.Equal(3, rows.Length - 1);
        Assert.Contains(rows, r => r.Contains("default/reviews") && r.Contains("ewids.ewids-system.svc.cluster.local:8080") && r.Contains("12.5") && r.Contains(" yes ") && r.EndsWith("yes", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("default/ratings-ewids-mirror") && r.Contains(":9999") && r.Contains(" NO "));
        Assert.True(remove.Code == 0, remove.Err);
        Assert.Equal(0, removeAgain.Code);
        Assert.Contains("nothing to remove: ewids has not mirrored default/reviews", removeAgain.Err);
        Assert.Null(KubeJson.At(scenario.VirtualService("reviews")["spec"]!["http"]![0], "mirror"));
    }

    [Fact]
    public async Task Live_ApiServerUnreachable_Exit1()
    {
        string kubeconfig;
        await using (var server = await TestApiServer.StartAsync())
        {
            kubeconfig = server.WriteKubeconfig(_dir);
        }

        var (code, _, stderr) = await RunAsync("mirror", "add", "reviews", "-n", "default", "--istio-version", "1.22", "--kubeconfig", kubeconfig);

        Assert.Equal(MirrorCommand.RefusedOrFailed, code);
        Assert.Contains("failed:", stderr);
        Assert.Contains("cannot reach the API server", stderr);
    }

    [Fact]
    public async Task RealExecutable_ListsMirrors()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService(withOwnMirror: true));
        var kubeconfig = scenario.Server.WriteKubeconfig(_dir);

        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "ewids.dll"), "mirror", "list", "-n", "default", "--kubeconfig", kubeconfig })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("reviews-shadow.qa.svc.cluster.local", await stdout);
        Assert.Contains("5.5", await stdout);
        Assert.Contains("no such Service", await stdout);
    }
}
