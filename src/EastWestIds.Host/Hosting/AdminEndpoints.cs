using EastWestIds.Engine.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace EastWestIds.Host.Hosting;

/// <summary>The admin port: liveness, readiness and Prometheus metrics.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, IdsMetrics metrics, Func<bool> isReady)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", () => isReady()
            ? Results.Text("ready\n")
            : Results.Text("starting\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        endpoints.MapMetrics("/metrics", metrics.Registry);
        WebUi.WebUiEndpoints.Map(endpoints); // the web UI at / (WebUi/)
    }
}
