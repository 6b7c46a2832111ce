using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EastWestIds.TestCommon.Kubernetes;

/// <summary>
/// A Kubernetes API server on loopback (Kestrel, plain HTTP) that speaks the REST protocol KubernetesClient uses:
/// <list type="bullet">
/// <item>core: <c>/api/v1/namespaces/{ns}/{services|pods|serviceaccounts}[/{name}]</c>, <c>/api/v1/{plural}</c>
/// (all namespaces), <c>/api/v1/namespaces[/{name}]</c>;</item>
/// <item>groups: <c>/apis/{group}/{version}/namespaces/{ns}/{plural}[/{name}]</c> and <c>/apis/{group}/{version}/{plural}</c>
/// for apps/v1 deployments and the Istio kinds (custom objects, any served version);</item>
/// <item>GET, list (with <c>labelSelector</c> equality), POST, PUT (resourceVersion required, 409 when stale),
/// DELETE (precondition resourceVersion), each bumping the store's resourceVersion; 404 Status objects for
/// unknown objects and resources.</item>
/// <item>watch (<c>?watch=true&amp;resourceVersion=N</c>): a chunked stream of JSON lines (ADDED/MODIFIED/DELETED
/// replayed from N, then live; BOOKMARK every <see cref="BookmarkInterval"/> when asked for; an ERROR event with a
/// 410 Status when N was compacted away, see <see cref="ObjectStore.Compact"/>); and the failures a client must
/// survive: <see cref="DropWatches"/> (connection reset mid-stream), <see cref="ExpireWatches"/> (410 on open
/// streams), <see cref="SilentWatches"/> (a stream that never says anything), <see cref="RefuseWatches"/> (503).</item>
/// <item><c>fieldSelector=metadata.name=X</c> on list and watch.</item>
/// </list>
/// Every request is recorded with its RBAC verb (<see cref="Requests"/>).
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ApiRequestRecord> _requests = new();
    private readonly ConcurrentDictionary<OpenWatch, byte> _watches = new();

    private TestApiServer(WebApplication app)
    {
        _app = app;
    }

    public ObjectStore Store { get; } = new();

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<ApiRequestRecord> Requests => [.. _requests];

    /// <summary>Answers every request with this status (e.g. 403 for one resource) when it returns non-null.</summary>
    public Func<ApiRequestRecord, int?>? Deny { get; set; }

    /// <summary>How often an idle watch that asked for bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>New watches open (200) and then say nothing at all, no events and no bookmarks.</summary>
    public bool SilentWatches { get; set; }

    /// <summary>New watches are answered 503 (the server is unreachable for watches, lists still work).</summary>
    public bool RefuseWatches { get; set; }

    /// <summary>Watch streams open now.</summary>
    public int OpenWatches => _watches.Count;

    /// <summary>The resource of each open watch stream, sorted (for a failure message).</summary>
    public string OpenWatchResources => string.Join(", ", _watches.Keys.Select(w => w.Resource).Order(StringComparer.Ordinal));

    /// <summary>Resets every open watch connection mid-stream.</summary>
    /// <remarks>
    /// Each watch resets its own connection when told to: a context aborted from here could belong to a request that
    /// had just ended, whose features Kestrel had already taken back (a NullReferenceException in CI, not the
    /// ObjectDisposedException this once caught).
    /// </remarks>
    public void DropWatches()
    {
        foreach (var watch in _watches.Keys)
        {
            try
            {
                watch.Drop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // that watch ended meanwhile
            }
        }
    }

    /// <summary>Compacts the store and sends every open watch an ERROR event with 410 Gone, then ends it.</summary>
    public void ExpireWatches()
    {
        Store.Compact();
        foreach (var watch in _watches.Keys)
        {
            watch.Lines.Writer.TryWrite(GoneEvent());
            watch.Lines.Writer.TryComplete();
        }
    }

    public static async Task<TestApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TestApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>The real client, configured for this server.</summary>
    public IKubernetes CreateClient() => new k8s.Kubernetes(new KubernetesClientConfiguration { Host = BaseAddress.ToString() });

    /// <summary>A kubeconfig file for this server (context <c>test</c>), as <c>ewids mirror --kubeconfig</c> reads it.</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            users:
            - name: test
              user:
                token: test-token
            contexts:
            - name: test
              context:
                cluster: test
                user: test
            current-context: test
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        // A watch the client abandoned without closing its connection would hold Kestrel's graceful stop for its
        // whole timeout (30 s): end them all first.
        DropWatches();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var route = ParsePath(request.Path.Value ?? "/");
        if (route is not { } r || ApiResource.Find(r.Group, r.Plural) is not { } resource)
        {
            await WriteAsync(context, 404, ApiStatus.Failure(404, "NotFound", "the server could not find the requested resource"));
            return;
        }

        var watch = request.Query["watch"] is var w && (w == "true" || w == "1");
        string? fieldSelector = request.Query["fieldSelector"];
        var record = new ApiRequestRecord(request.Method, ApiResource.Verb(request.Method, r.Name, watch), r.Group, r.Version, r.Plural, r.Namespace, r.Name, 0, string.IsNullOrEmpty(fieldSelector) ? null : fieldSelector);
        if (Deny?.Invoke(record) is { } denied)
        {
            _requests.Enqueue(record with { Status = denied });
            await WriteAsync(context, denied, ApiStatus.Failure(denied, denied == 403 ? "Forbidden" : "Unknown", $"{resource.Plural} is forbidden: User \"test\" cannot {record.Verb} resource \"{resource.Plural}\""));
            return;
        }

        if (record.Verb == "watch")
        {
            _requests.Enqueue(record with { Status = RefuseWatches ? 503 : 200 });
            await ServeWatchAsync(context, record, resource);
            return;
        }

        int status;
        JsonObject? body;
        try
        {
            (status, body) = await DispatchAsync(context, record, resource, watch);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            // A bug in the test server, or a body it cannot take: say which, instead of a bare 500.
            (status, body) = (500, ApiStatus.Failure(500, "InternalError", $"test API server: {ex}"));
        }

        _requests.Enqueue(record with { Status = status });
        if (body is not null && (string?)body["kind"] != "Status" && (string?)body["apiVersion"] is { } apiVersion && apiVersion.Contains('/'))
        {
            body["apiVersion"] = $"{r.Group}/{r.Version}"; // served in the version asked for
        }

        await WriteAsync(context, status, body);
    }

    private async Task<(int, JsonObject?)> DispatchAsync(HttpContext context, ApiRequestRecord record, ApiResource resource, bool watch)
    {
        var ns = record.Namespace ?? "";
        switch (record.Verb)
        {
            case "get":
                return Store.Get(resource, ns, record.Name!) is { } found ? (200, found) : (404, ApiStatus.NotFound(resource, record.Name!));
            case "list":
                var items = new JsonArray();
                var onlyName = NameSelected(record.FieldSelector);
                foreach (var item in Store.List(resource, record.Namespace, Labels(context.Request.Query["labelSelector"])))
                {
                    if (onlyName is not null && (string?)item["metadata"]?["name"] != onlyName)
                    {
                        continue;
                    }

                    items.Add(item);
                }

                return (200, new JsonObject
                {
                    ["apiVersion"] = resource.Group.Length == 0 ? "v1" : $"{record.Group}/{record.Version}",
                    ["kind"] = $"{resource.Kind}List",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = Store.ResourceVersion },
                    ["items"] = items,
                });
            case "create":
                return await ReadBodyAsync(context) is { } created ? Store.Create(resource, ns, created) : (400, ApiStatus.Failure(400, "BadRequest", "the body is not a JSON object"));
            case "update":
                return await ReadBodyAsync(context) is { } replaced ? Store.Replace(resource, ns, record.Name!, replaced) : (400, ApiStatus.Failure(400, "BadRequest", "the body is not a JSON object"));
            case "delete":
                var options = await ReadBodyAsync(context);
                return Store.Delete(resource, ns, record.Name!, (string?)options?["preconditions"]?["resourceVersion"]);
            default:
                return (405, ApiStatus.Failure(405, "MethodNotAllowed", $"{record.Verb} is not served by the test API server"));
        }
    }

    private async Task ServeWatchAsync(HttpContext context, ApiRequestRecord record, ApiResource resource)
    {
        if (RefuseWatches)
        {
            await WriteAsync(context, 503, ApiStatus.Failure(503, "ServiceUnavailable", "watches are refused"));
            return;
        }

        var query = context.Request.Query;
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var from = long.TryParse(query["resourceVersion"], out var given) ? given : long.Parse(Store.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
        using var drop = new CancellationTokenSource();
        var watch = new OpenWatch(drop, Channel.CreateUnbounded<string>(), resource.Plural);
        using var subscription = Store.Watch(resource, record.Namespace, NameSelected(record.FieldSelector), from, (change, obj) => watch.Lines.Writer.TryWrite(EventLine(change.ToString().ToUpperInvariant(), obj)), out var gone);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync();
        if (gone)
        {
            await WriteLineAsync(context, GoneEvent());
            return;
        }

        var silent = SilentWatches;
        _watches[watch] = 0;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, drop.Token);
        try
        {
            var aborted = ended.Token;
            if (silent)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            while (!aborted.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                idle.CancelAfter(BookmarkInterval);
                try
                {
                    if (!await watch.Lines.Reader.WaitToReadAsync(idle.Token))
                    {
                        return; // completed: the stream ends
                    }

                    while (watch.Lines.Reader.TryRead(out var line))
                    {
                        await WriteLineAsync(context, line);
                    }
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    if (bookmarks)
                    {
                        var bookmark = new JsonObject
                        {
                            ["kind"] = resource.Kind,
                            ["apiVersion"] = resource.Group.Length == 0 ? "v1" : $"{record.Group}/{record.Version}",
                            ["metadata"] = new JsonObject { ["resourceVersion"] = Store.ResourceVersion },
                        };
                        await WriteLineAsync(context, EventLine("BOOKMARK", bookmark));
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // the client went away, the connection was reset, or DropWatches asked for a reset
        }
        finally
        {
            _watches.TryRemove(watch, out _);
            if (drop.IsCancellationRequested)
            {
                context.Abort(); // the reset DropWatches asked for, from the request's own flow
            }
        }
    }

    private static string EventLine(string type, JsonObject obj) => new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString();

    private static string GoneEvent() => EventLine("ERROR", ApiStatus.Failure(410, "Expired", "too old resource version"));

    private static async Task WriteLineAsync(HttpContext context, string line)
    {
        await context.Response.WriteAsync(line + "\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static string? NameSelected(string? fieldSelector) =>
        fieldSelector is not null && fieldSelector.StartsWith("metadata.name=", StringComparison.Ordinal) ? fieldSelector["metadata.name=".Length..] : null;

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? Labels(string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return null;
        }

        return selector.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : "");
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync((body ?? ApiStatus.Success()).ToJsonString());
    }

    /// <summary>(group, version, namespace, plural, name) of a resource path; null when it is not one.</summary>
    private static (string Group, string Version, string? Namespace, string Plural, string? Name)? ParsePath(string path)
    {
        var parts = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        var tail = parts[rest..];
        return tail switch
        {
            ["namespaces", var ns, var plural] => (group, version, ns, plural, null),
            ["namespaces", var ns, var plural, var name] => (group, version, ns, plural, name),
            [var plural] => (group, version, null, plural, null),
            [var plural, var name] => (group, version, null, plural, name),
            _ => null,
        };
    }

    /// <summary>An open watch stream: how to tell it to reset its connection, and the lines waiting to be written.</summary>
    private sealed record OpenWatch(CancellationTokenSource Drop, Channel<string> Lines, string Resource);
}
