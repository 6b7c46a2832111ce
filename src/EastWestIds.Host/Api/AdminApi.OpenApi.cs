using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

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
            o.AddOperationTransformer((operation, context, _) =>
            {
                AddQueryParameters(operation, context);
                return Task.CompletedTask;
            });
        });

    private static void MapOpenApi(RouteGroupBuilder api) => api.MapOpenApi("/openapi.json");

    /// <summary>The query parameters an endpoint reads by hand (<see cref="DocumentedQuery"/>), which the generator cannot see.</summary>
    private static void AddQueryParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedQuery>().FirstOrDefault() is not { } query)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var parameter in query.Parameters)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                // A list is an array in OpenAPI's default query style (repeated: severity=high&severity=low); the API
                // also takes it comma-separated (severity=high,low), as each parameter's description says.
                Schema = Schema(parameter),
            });
        }
    }

    private static OpenApiSchema Schema(QueryParameterDoc parameter) => parameter.Value switch
    {
        QueryValue.WholeNumber => new() { Type = JsonSchemaType.Integer, Format = "int32" },
        QueryValue.Time => new() { Type = JsonSchemaType.String, Description = "ISO 8601 date-time (no offset means UTC) or Unix seconds" },
        QueryValue.List => new()
        {
            Type = JsonSchemaType.Array,
            Items = parameter.Allowed is { } allowed
                ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. allowed.Select(a => (JsonNode)JsonValue.Create(a))] }
                : new OpenApiSchema { Type = JsonSchemaType.String },
        },
        _ => new() { Type = JsonSchemaType.String },
    };
}
