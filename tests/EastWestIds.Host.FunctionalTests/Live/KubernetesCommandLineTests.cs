using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Host.FunctionalTests.Live;

/// <summary>The <c>--kubernetes</c> options as an operator meets them: refusals with a reason, and the real binary in a cluster.</summary>
public sealed partial class KubernetesCommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-k8s-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void ObjectsAndKubernetes_Refused_NamingBoth()
    {
        var objects = WriteFile("mesh.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: bookinfo}\n");
        var kubeconfig = WriteFile("kubeconfig", "apiVersion: v1\nkind: Config\n");

        var options = KubernetesSink.ParseServe(["--kubernetes", "--kubeconfig", kubeconfig, "--objects", objects], out var errors);

        Assert.Null(options);
        Assert.Contains("--objects (EWIDS_OBJECTS) and --kubernetes (EWIDS_KUBERNETES) both give the inventory", errors);
    }

    [Theory]
    [InlineData("--kubeconfig")]
    [InlineData("--context")]
    [InlineData("--namespace")]
    public void CompanionWithoutKubernetes_Refused(string option)
    {
        var options = KubernetesSink.ParseServe([option, "bookinfo"], out var errors);

        Assert.Null(options);
        Assert.Contains($"{option} (EWIDS_{option[2..].ToUpperInvariant()}) only applies with --kubernetes", errors);
    }

    [Theory]
    [InlineData("Book_Info")]
    [InlineData("-bookinfo")]
    public void Namespace_NotADnsLabel_Refused(string ns)
    {
        var options = KubernetesSink.ParseServe(["--kubernetes", "--namespace", ns], out var errors);

        Assert.Null(options);
        Assert.Contains($"'{ns}' is not a namespace name", errors);
    }

    [Fact]
    public void Kubernetes_NotABoolean_ReportedOnce()
    {
        var options = KubernetesSink.ParseServe(["--config", WriteFile("settings.yaml", "kubernetes: maybe\n")], out var errors);

        Assert.Null(options);
        Assert.Single(errors.Split('\n'), line => line.Contains("--kubernetes (EWIDS_KUBERNETES)", StringComparison.Ordinal));
    }

    [Fact]
    public void Kubeconfig_Missing_Refused()
    {
        var options = KubernetesSink.ParseServe(["--kubernetes", "--kubeconfig", Path.Combine(_dir, "nope")], out var errors);

        Assert.Null(options);
        Assert.Contains("--kubeconfig (EWIDS_KUBECONFIG): no file at", errors);
    }

    [Fact]
    public void Kubernetes_NamespaceAndContext_Bound()
    {
        var kubeconfig = WriteFile("kubeconfig", "apiVersion: v1\nkind: Config\n");

        var options = KubernetesSink.ParseServe(["--kubernetes", "--kubeconfig", kubeconfig, "--context", "test", "--namespace", "bookinfo"], out var errors);

        Assert.True(options is not null, errors);
        Assert.Equal(new Kubernetes.KubernetesInventoryOptions(kubeconfig, "test", "bookinfo"), options.Kubernetes);
        Assert.NotNull(options.Inspection.Policies); // the live feed's source, empty until the cluster is listed
        Assert.Empty(options.Inspection.Policies.Current.Inventory.Pods);
    }

    [Fact]
    public async Task Serve_KubeconfigNamingNoSuchContext_ExitsTwo()
    {
        await using var server = await TestApiServer.StartAsync();
        var kubeconfig = server.WriteKubeconfig(_dir);

        var (code, _, stderr) = await EwidsProcess.RunAsync(["serve", "--kubernetes", "--kubeconfig", kubeconfig, "--context", "nope", "--mirror-port", "0", "--admin-port", "0"]);

        Assert.Equal(2, code);
        Assert.Contains("ewids serve: not started: cannot use the Kubernetes configuration", stderr);
    }

    [Fact]
    public async Task Serve_TheBinary_WithAKubeconfig_ListsWatchesAndTurnsReady()
    {
        await using var server = await TestApiServer.StartAsync();
        var kubeconfig = server.WriteKubeconfig(_dir);
        using var process = Process.Start(EwidsProcess.StartInfo(["serve", "--kubernetes", "--kubeconfig", kubeconfig, "--context", "test", "--mirror-address", "127.0.0.1", "--mirror-port", "0", "--admin-address", "127.0.0.1", "--admin-port", "0"]))!;
        try
        {
            _ = process.StandardOutput.ReadToEndAsync();
            var log = new System.Text.StringBuilder();
            string? line;
            do
            {
                line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                log.AppendLine(line);
            }
            while (line is not null && !line.Contains("admin port", StringComparison.Ordinal));

            Assert.True(line is not null, log.ToString());
            var adminPort = int.Parse(AdminPort().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
            using var client = new HttpClient();
            var deadline = DateTime.UtcNow + KubernetesSink.Patience;
            while ((await client.GetAsync($"http://127.0.0.1:{adminPort}/readyz")).StatusCode != System.Net.HttpStatusCode.OK)
            {
                Assert.True(DateTime.UtcNow < deadline, "/readyz never turned 200");
                await Task.Delay(50);
            }

            // The real binary used the kubeconfig's server and token: every resource listed, then watched.
            Assert.Contains("Authorization policy stage on: live inventory from the Kubernetes API at", log.ToString());
            foreach (var resource in new[] { "namespaces", "serviceaccounts", "services", "pods", "authorizationpolicies", "peerauthentications", "virtualservices" })
            {
                Assert.Contains(server.Requests, r => r.Resource == resource && r.Verb == "list" && r.Status == 200);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    [GeneratedRegex(@"admin port (\d+)")]
    private static partial Regex AdminPort();
}
