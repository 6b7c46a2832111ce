using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary><c>ewids proxy</c> as an operator runs it: the real executable.</summary>
public sealed class ProxyCommandLineTests
{
    [Fact]
    public async Task ProxyHelp_ListsItsOwnAndTheSharedSettings()
    {
        var (code, stdout, _) = await EwidsProcess.RunAsync(["proxy", "--help"], timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(0, code);
        foreach (var option in new[] { "--upstream", "--yarp-config", "--mode", "--block-severity", "--block-sids", "--on-engine-failure", "--inspect-timeout", "--max-body-inspect", "--tls-cert", "--client-ca", "--trust-domain", "--admin-port", "--eve", "--store", "--data-dir", "--no-redact", "--retention-days", "--admin-token-file", "--protect-metrics", "--learn", "--learn-for", "--baseline-max-edges" })
        {
            Assert.Contains(option, stdout);
        }

        Assert.Contains("EWIDS_ON_ENGINE_FAILURE", stdout);
        Assert.DoesNotContain("--mirror-port", stdout);
    }

    [Fact]
    public async Task Proxy_InvalidSettings_ExitsNonZero_NamingEverySetting()
    {
        var (code, _, stderr) = await EwidsProcess.RunAsync(
            ["proxy", "--mode", "block", "--block-severity", "critical", "--on-engine-failure", "maybe", "--client-ca", "/nonexistent/ca.pem", "--block-families", "policy,evil", "--block-sids", "9100054,sqli"],
            new Dictionary<string, string> { ["EWIDS_INSPECT_TIMEOUT"] = "forever" },
            TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("--upstream (EWIDS_UPSTREAM) or --yarp-config (EWIDS_YARP_CONFIG) is needed", stderr);
        Assert.Contains("--mode (EWIDS_MODE): invalid value 'block': expected monitor, enforce", stderr);
        Assert.Contains("--block-severity (EWIDS_BLOCK_SEVERITY): invalid value 'critical'", stderr);
        Assert.Contains("--on-engine-failure (EWIDS_ON_ENGINE_FAILURE): invalid value 'maybe'", stderr);
        Assert.Contains("--inspect-timeout (EWIDS_INSPECT_TIMEOUT): invalid value 'forever' in the environment", stderr);
        Assert.Contains("--client-ca (EWIDS_CLIENT_CA): cannot load '/nonexistent/ca.pem'", stderr);
        Assert.Contains("--block-families (EWIDS_BLOCK_FAMILIES): unknown family 'evil'", stderr);
        Assert.Contains("--block-sids (EWIDS_BLOCK_SIDS): 'sqli' is not a sid", stderr);
    }

    [Fact]
    public async Task Proxy_YarpConfigFile_RoutesToItsCluster_AndEnforces()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        var config = Path.Combine(Path.GetTempPath(), $"ewids-yarp-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "ReverseProxy": {
                "Routes": {
                  "reviews": { "ClusterId": "reviews", "Match": { "Path": "/reviews/{**rest}" } }
                },
                "Clusters": {
                  "reviews": { "Destinations": { "one": { "Address": "http://127.0.0.1:{{upstream.Http1Port}}/" } } }
                }
              }
            }
            """);
        var eve = Path.Combine(Path.GetTempPath(), $"ewids-eve-{Guid.NewGuid():N}.json");
        var dataDir = Directory.CreateTempSubdirectory("ewids-proxy-cli-").FullName;
        using var process = Process.Start(EwidsProcess.StartInfo(
            // A generous timeout and fail-closed: on a busy machine a cold process can miss the default 100 ms, and a
            // verdict that timed out must show up as a 503 here, never as a silently forwarded attack.
            ["proxy", "--yarp-config", config, "--mode", "enforce", "--inspect-timeout", "30s", "--on-engine-failure", "closed", "--listen-address", "127.0.0.1", "--listen", "0", "--admin-address", "127.0.0.1", "--admin-port", "0", "--eve", eve, "--data-dir", dataDir]))!;
        try
        {
            _ = process.StandardOutput.ReadToEndAsync();
            string? banner;
            do
            {
                banner = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }
            while (banner is not null && !banner.Contains("listening on", StringComparison.Ordinal));

            Assert.NotNull(banner);
            var port = int.Parse(Regex.Match(banner, @"listening on (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var benign = new HttpRequestMessage(HttpMethod.Get, "/reviews/1");
            benign.Headers.Add("x-forwarded-client-cert", ProxyForwardingTests.TrustedXfcc);
            using var attack = new HttpRequestMessage(HttpMethod.Get, "/reviews/2");
            attack.Headers.Add("x-forwarded-client-cert", "By=spiffe://cluster.local/ns/a/sa/b;URI=spiffe://evil.example/ns/a/sa/b");

            using var passed = await client.SendAsync(benign);
            using var blocked = await client.SendAsync(attack);
            using var unrouted = await client.GetAsync("/ratings/1");

            Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unrouted.StatusCode); // no route: YARP does not forward it anywhere
            Assert.Equal("/reviews/1", Assert.Single(upstream.Received).PathAndQuery);

            // The alert store and its API, on the proxy's own admin port, as ewids serve has them.
            Assert.Contains("/api, sqlite alert store", banner, StringComparison.Ordinal);
            var adminPort = int.Parse(Regex.Match(banner, @"admin port (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}") };
            var stored = await WaitForStoredAsync(admin, "/api/alerts?sid=9200005");
            Assert.Equal("blocked", stored.GetProperty("outcome").GetString());
        }
        finally
        {
            if (!process.HasExited)
            {
                Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }

            File.Delete(config);
        }

        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(Path.Combine(dataDir, "ewids.db")), "the SQLite store lives under --data-dir");
        Directory.Delete(dataDir, recursive: true);
        var lines = await File.ReadAllLinesAsync(eve);
        File.Delete(eve);
        Assert.Contains(lines, line => line.Contains("\"signature_id\":9200005", StringComparison.Ordinal) && line.Contains("\"action\":\"blocked\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxy_AdminAddressBeyondLoopbackWithoutToken_Exit2_AsServe()
    {
        var (code, _, stderr) = await EwidsProcess.RunAsync(
            ["proxy", "--upstream", "http://127.0.0.1:9", "--admin-address", "0.0.0.0", "--learn", "--learn-for", "1h", "--retention-days", "-1", "--store", "mysql://x"],
            timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(2, code);
        Assert.Contains("--admin-address (EWIDS_ADMIN_ADDRESS) is 0.0.0.0, beyond loopback: the admin API needs a bearer token there", stderr);
        Assert.Contains("--learn (EWIDS_LEARN) and --learn-for (EWIDS_LEARN_FOR): give one of them", stderr);
        Assert.Contains("--retention-days (EWIDS_RETENTION_DAYS)", stderr);
        Assert.Contains("--store (EWIDS_STORE)", stderr);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForStoredAsync(HttpClient admin, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await admin.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                var items = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
                if (items.GetArrayLength() > 0)
                {
                    return items[0].Clone();
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path}: nothing stored; last status {(int)response.StatusCode}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Proxy_InvalidYarpConfig_ExitsWithStartFailure()
    {
        var config = Path.Combine(Path.GetTempPath(), $"ewids-yarp-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "ReverseProxy": { "Routes": { "r": { "ClusterId": "missing" } } } }""");
        try
        {
            var (code, _, stderr) = await EwidsProcess.RunAsync(
                ["proxy", "--yarp-config", config, "--listen", "0", "--admin-port", "0", "--listen-address", "127.0.0.1", "--admin-address", "127.0.0.1"],
                timeout: TimeSpan.FromSeconds(60));

            Assert.Equal(1, code);
            Assert.Contains("ewids proxy: cannot start", stderr);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
