using System.Diagnostics;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>The <c>ewids</c> executable as an operator runs it.</summary>
public sealed class CommandLineTests
{
    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IDictionary<string, string>? environment, params string[] args)
        => EwidsProcess.RunAsync(args, environment, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Version_PrintsVersion()
    {
        var (code, stdout, _) = await RunAsync(null, "--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout.Trim());
    }

    [Fact]
    public async Task ServeHelp_ListsSettingsWithTheirEnvironmentVariables()
    {
        var (code, stdout, _) = await RunAsync(null, "serve", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--mirror-port", stdout);
        Assert.Contains("EWIDS_MIRROR_PORT", stdout);
        Assert.Contains("--trust-domain", stdout);
    }

    [Fact]
    public async Task Serve_InvalidSettings_ExitsNonZero_NamingEverySetting()
    {
        var (code, _, stderr) = await RunAsync(
            new Dictionary<string, string> { ["EWIDS_HEADER_TIMEOUT"] = "soon" },
            "serve", "--mirror-port", "abc", "--sink-identity", "spiffe://Bad/x", "--max-body-inspect", "12zz", "--max-body-inspect-tail", "-1");

        Assert.Equal(2, code);
        Assert.Contains("--mirror-port (EWIDS_MIRROR_PORT): invalid value 'abc' on the command line", stderr);
        Assert.Contains("--header-timeout (EWIDS_HEADER_TIMEOUT): invalid value 'soon' in the environment", stderr);
        Assert.Contains("--sink-identity (EWIDS_SINK_IDENTITY)", stderr);
        Assert.Contains("--max-body-inspect (EWIDS_MAX_BODY_INSPECT)", stderr);
        Assert.Contains("--max-body-inspect-tail (EWIDS_MAX_BODY_INSPECT_TAIL): invalid value '-1'", stderr);
    }

    [Fact]
    public async Task Serve_GrpcPortEqualToMirrorPort_ExitsNonZero()
    {
        var (code, _, stderr) = await RunAsync(null, "serve", "--mirror-port", "18080", "--grpc-port", "18080", "--admin-port", "0");

        Assert.Equal(2, code);
        Assert.Contains("--grpc-port (EWIDS_GRPC_PORT) is 18080, already used by --mirror-port (EWIDS_MIRROR_PORT)", stderr);
    }

    [Fact]
    public async Task Serve_ConfigFileWithUnknownSetting_ExitsNonZero()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ewids-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "mirror-port: 18080\nmirror-prot: 1\n");
        try
        {
            var (code, _, stderr) = await RunAsync(null, "serve", "--config", file);

            Assert.Equal(2, code);
            Assert.Contains("unknown setting 'mirror-prot'", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(": [\no")] // YamlDotNet's scanner throws InvalidOperationException, not a YamlException (issue 541)
    [InlineData(" : a")] // its document loader throws ArgumentException (issue 1004)
    public async Task Serve_ConfigFileYamlDotNetThrowsOtherExceptionsOn_ExitsNonZeroWithMessage(string broken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ewids-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, broken);
        try
        {
            var (code, _, stderr) = await RunAsync(null, "serve", "--config", file);

            Assert.Equal(2, code);
            Assert.Contains("not valid YAML", stderr);
            Assert.DoesNotContain("Unhandled exception", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Serve_PortInUse_ExitsNonZeroWithMessage()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var (code, _, stderr) = await RunAsync(null, "serve", "--mirror-address", "127.0.0.1", "--mirror-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--admin-port", "0");

        Assert.Equal(1, code);
        Assert.Contains("cannot start", stderr);
    }

    [Fact]
    public async Task Serve_Sigterm_WithAnIdleKeepAliveConnection_StopsPromptly()
    {
        var start = EwidsProcess.StartInfo(["serve", "--mirror-address", "127.0.0.1", "--mirror-port", "0", "--admin-address", "127.0.0.1", "--admin-port", "0", "--eve-http"]);
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string? banner;
            do
            {
                banner = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            while (banner is not null && !banner.Contains("mirror port", StringComparison.Ordinal));

            var port = int.Parse(System.Text.RegularExpressions.Regex.Match(banner!, @"mirror port (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await using var client = await Infrastructure.RawHttpClient.ConnectAsync(port);
            await client.SendAsync(MirrorRequests.DesignExample());
            await client.ReadResponsesAsync(1);

            var stopwatch = Stopwatch.StartNew();
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, process.ExitCode);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
            Assert.Contains("\"request_id\":\"7f7344ac-039a-99ee-910b-7a1716fa9a6e\"", await stdout); // analysed and flushed on the way out
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
