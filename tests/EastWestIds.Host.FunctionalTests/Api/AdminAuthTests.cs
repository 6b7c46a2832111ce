using System.Net;
using System.Net.Http.Headers;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>The admin port's token rules: the API needs the bearer token; probes and (by default) metrics do not.</summary>
public sealed class AdminAuthTests
{
    private const string Token = "test-token-0123456789";

    [Fact]
    public async Task WithAToken_ApiNeedsIt_ProbesAndMetricsStayOpen()
    {
        await using var sink = await StoreSink.StartAsync(token: Token);
        using var anonymous = new HttpClient { BaseAddress = sink.Client.BaseAddress };

        await AdminApiTests.AssertProblemAsync(anonymous, "api/alerts", HttpStatusCode.Unauthorized, null);
        using var wrong = new HttpClient { BaseAddress = sink.Client.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        await AdminApiTests.AssertProblemAsync(wrong, "api/alerts", HttpStatusCode.Unauthorized, null);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Token);
        await AdminApiTests.AssertProblemAsync(wrong, "api/openapi.json", HttpStatusCode.Unauthorized, null);

        using (var response = await anonymous.GetAsync("api/alerts"))
        {
            Assert.Equal("Bearer realm=\"ewids\"", response.Headers.WwwAuthenticate.ToString());
        }

        using (var ok = await sink.Client.GetAsync("api/alerts"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("readyz")).StatusCode);
    }

    [Fact]
    public async Task ProtectMetrics_ClosesMetricsButNotProbes()
    {
        await using var sink = await StoreSink.StartAsync(token: Token, protectMetrics: true);
        using var anonymous = new HttpClient { BaseAddress = sink.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sink.Client.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("healthz")).StatusCode);
    }

    [Fact]
    public async Task Serve_BeyondLoopbackWithoutAToken_RefusesToStart_Exit2()
    {
        var (exitCode, _, stderr) = await EwidsProcess.RunAsync(
            ["serve", "--admin-address", "0.0.0.0", "--admin-port", "0", "--mirror-port", "0", "--store", "none"],
            new Dictionary<string, string> { ["EWIDS_ADMIN_TOKEN"] = "" },
            TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("--admin-token-file", stderr, StringComparison.Ordinal);
        Assert.Contains("EWIDS_ADMIN_TOKEN", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BeyondLoopbackWithATokenFile_Starts_AndTheApiNeedsTheToken()
    {
        var directory = Directory.CreateTempSubdirectory("ewids-token-").FullName;
        try
        {
            var tokenFile = Path.Combine(directory, "token");
            await File.WriteAllTextAsync(tokenFile, Token + "\n");
            await using var serve = await ServeProcess.StartAsync(
                ["--admin-address", "0.0.0.0", "--admin-token-file", tokenFile, "--data-dir", Path.Combine(directory, "data")]);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{serve.AdminPort}/") };
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/alerts")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/alerts")).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
