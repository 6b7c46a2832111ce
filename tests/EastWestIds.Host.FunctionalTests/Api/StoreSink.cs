using System.Net.Http.Headers;
using System.Text.Json;
using EastWestIds.Host.Api;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.Signatures;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// A real sink with a SQLite store in a temporary directory and one test rule (sid 1000001: the marker in the URI),
/// plus an HTTP client for its admin API. Edge counts flush every 200 ms so tests see them promptly.
/// </summary>
internal sealed class StoreSink : IAsyncDisposable
{
    public const string Marker = "EWIDS-ATTACK-MARKER";
    public const int Sid = 1000001;

    private const string Rule =
        "alert http any any -> any any (msg:\"test: marker in the uri\"; flow:to_server; http.uri; " +
        "content:\"" + Marker + "\"; classtype:web-application-attack; sid:1000001; rev:1;)\n";

    private readonly string _directory;

    private StoreSink(SinkServer server, string directory, string? token)
    {
        Server = server;
        _directory = directory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.AdminPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public SinkServer Server { get; }

    public HttpClient Client { get; }

    public static async Task<StoreSink> StartAsync(string? token = null, bool protectMetrics = false, bool redact = true, string? store = null)
    {
        var directory = Directory.CreateTempSubdirectory("ewids-api-").FullName;
        var rules = Path.Combine(directory, "rules");
        Directory.CreateDirectory(rules);
        await File.WriteAllTextAsync(Path.Combine(rules, "test.rules"), Rule);
        var server = await SinkServer.StartAsync(o => o with
        {
            Rules = RuleSources.From([rules], TimeSpan.FromMilliseconds(10)),
            Store = new StoreHostOptions
            {
                Settings = new StoreSettings { Store = store, DataDirectory = Path.Combine(directory, "data") },
                Redact = redact,
                EdgeFlushInterval = TimeSpan.FromMilliseconds(200),
                InitialConnectTimeout = TimeSpan.FromMilliseconds(500),
            },
            AdminAuth = new AdminAuthOptions { Token = token, ProtectMetrics = protectMetrics },
        });
        return new StoreSink(server, directory, token);
    }

    /// <summary>Mirrors one raw HTTP/1.1 request and reads its answer.</summary>
    public async Task MirrorAsync(string request)
    {
        await using var client = await RawHttpClient.ConnectAsync(Server.MirrorPort);
        await client.SendAsync(request);
        await client.ReadResponsesAsync(1);
    }

    /// <summary>An attack from the bookinfo product page to reviews, with the marker in the query.</summary>
    public static string Attack(string requestId, string extraHeaders = "") =>
        $"GET /reviews/0?q={Marker}&n={requestId} HTTP/1.1\r\n" +
        "host: reviews-shadow:9080\r\n" +
        $"x-request-id: {requestId}\r\n" +
        $"x-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n" +
        extraHeaders +
        "\r\n";

    /// <summary>Polls <paramref name="path"/> until <paramref name="done"/> holds for its JSON (the writer batches off the request path).</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await Client.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not reach the expected state; last status {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle on a CI box; the OS cleans its temp directory.
        }
    }
}
