using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EastWestIds.Host.Api;

internal static partial class AdminApi
{
    /// <summary>The OpenAPI 3 document, generated from the routes' metadata (Microsoft.AspNetCore.OpenApi), so it cannot drift from them.</summary>
    private static void AddOpenApi(IServiceCollection services)
        => services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new() { Title = "EastWestIds admin API", Version = "v1", Description = "Alerts, triage, suppressions, the service graph and exports. Send Authorization: Bearer <token> when the admin port has one." };
                return Task.CompletedTask;
            });
        });

    private static void MapOpenApi(RouteGroupBuilder api) => api.MapOpenApi("/openapi.json");
}
