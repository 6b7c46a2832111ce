using System.Net.Http.Json;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.Signatures;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// A real sink with a SQLite store in a temp directory and the test's own rules, fed by mirrored requests over the
/// mirror port (the same path production traffic takes), and read back through the admin API.
/// </summary>
internal sealed class UiSink : IAsyncDisposable
{
    private readonly string _dir;

    private UiSink(SinkServer sink, string dir)
    {
        Sink = sink;
        _dir = dir;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sink.AdminPort}/") };
    }

    public SinkServer Sink { get; }

    public HttpClient Api { get; }

    public int AdminPort => Sink.AdminPort;

    public static async Task<UiSink> StartAsync(string rules, Func<Configuration.ServeOptions, Configuration.ServeOptions>? configure = null)
    {
        var dir = Directory.CreateTempSubdirectory("ewids-webui-").FullName;
        var rulesFile = Path.Combine(dir, "test.rules");
        await File.WriteAllTextAsync(rulesFile, rules);
        var sink = await SinkServer.StartAsync(o => (configure ?? (x => x))(o with
        {
            Rules = RuleSources.From([rulesFile], TimeSpan.FromMilliseconds(10)),
            Store = new StoreHostOptions
            {
                Settings = new StoreSettings { Store = "sqlite:" + Path.Combine(dir, "ewids.db") },
                EdgeFlushInterval = TimeSpan.FromMilliseconds(100),
            },
        }));
        return new UiSink(sink, dir);
    }

    /// <summary>Sends each request over one mirror connection and waits for the sink's 200s.</summary>
    public async Task MirrorAsync(params string[] requests)
    {
        await using var client = await RawHttpClient.ConnectAsync(Sink.MirrorPort);
        foreach (var request in requests)
        {
            await client.SendAsync(request);
        }

        var responses = await client.ReadResponsesAsync(requests.Length);
        Assert.All(responses, r => Assert.StartsWith("HTTP/1.1 200", r));
    }

    /// <summary>GET on the API as JSON.</summary>
    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Waits until <c>GET path</c> satisfies <paramref name="done"/> (the store writes in batches off the request path).</summary>
    public async Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync(path);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{what}: still not there after 20 s; last answer of {path}: {last}");
    }

    /// <summary>The alert list's items once there are at least <paramref name="count"/>.</summary>
    public async Task<JsonElement[]> AlertsAsync(int count) =>
        [.. (await WaitForAsync("api/alerts?limit=200", j => j.GetProperty("items").GetArrayLength() >= count, $"{count} alerts"))
            .GetProperty("items").EnumerateArray()];

    public Task<HttpResponseMessage> PutJsonAsync<T>(string path, T body) => Api.PutAsJsonAsync(path, body);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Sink.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still closing; the temp directory is the OS's to clean
        }
    }
}
