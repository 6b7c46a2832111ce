using System.Text.Json;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;
using EastWestIds.Storage.Model;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Api;

/// <summary>
/// <c>GET /api/alerts/stream</c>: Server-Sent Events for the UI's live queue. Each new alert is one
/// <c>event: alert</c> whose data is <c>{"id":…,"timestamp":…}</c>; a comment line every 15 s keeps proxies from
/// closing an idle stream. The server re-reads the newest page once a second and announces ids it has not announced
/// (not "ids above the last", which several PostgreSQL replicas would break: their ids are not commit-ordered).
/// Alerts that existed when the stream opened are not announced: the client lists them with GET /api/alerts.
/// </summary>
internal static class AlertStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private const int Window = 200;

    public static async Task RunAsync(HttpContext context, StoreAccessor accessor, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime)
    {
        // Stopping ends the stream at once; otherwise shutdown would wait its whole timeout for this request.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = linked.Token;
        if (accessor.Runtime is not { Initialized: true } runtime)
        {
            await ApiResults.Unavailable("The alert store is not available.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\n\n", ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);

        HashSet<long>? announced = null;
        var lastWrite = DateTime.UtcNow;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                IReadOnlyList<AlertRecord> newest;
                try
                {
                    newest = (await runtime.Store.ListAlertsAsync(AlertFilter.All, Window, null, ct).ConfigureAwait(false)).Alerts;
                }
                catch (StoreUnavailableException)
                {
                    newest = [];
                }

                if (announced is null)
                {
                    announced = [.. newest.Select(a => a.Id)];
                }
                else
                {
                    // Oldest first, so the client can prepend in order.
                    for (var i = newest.Count - 1; i >= 0; i--)
                    {
                        var alert = newest[i];
                        if (announced.Add(alert.Id))
                        {
                            var data = JsonSerializer.Serialize(new AlertIdEventDto(alert.Id, alert.Timestamp), ApiJsonContext.Default.AlertIdEventDto);
                            await response.WriteAsync($"event: alert\nid: {alert.Id}\ndata: {data}\n\n", ct).ConfigureAwait(false);
                            lastWrite = DateTime.UtcNow;
                        }
                    }

                    if (announced.Count > Window * 4)
                    {
                        announced = [.. newest.Select(a => a.Id)];
                    }
                }

                if (DateTime.UtcNow - lastWrite > KeepAlive)
                {
                    await response.WriteAsync(": keep-alive\n\n", ct).ConfigureAwait(false);
                    lastWrite = DateTime.UtcNow;
                }

                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the host is stopping.
        }
    }
}
