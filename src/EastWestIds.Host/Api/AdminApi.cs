using System.Net;
using System.Text.Json;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;
using EastWestIds.Storage.Export;
using EastWestIds.Storage.Writing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EastWestIds.Host.Api;

/// <summary>
/// The admin API under <c>/api/</c> on the admin port (README "Admin API"): alerts with filters and cursor pages,
/// one alert's evidence, triage with an audit trail, suppressions, the edge graph, EVE/CSV export, a live feed of
/// new alert ids (Server-Sent Events) and the OpenAPI document. Errors are small JSON problem bodies: 400 for bad
/// arguments, 401 without the token, 404, 503 while the store is unreachable.
/// </summary>
internal static partial class AdminApi
{
    /// <summary>Largest JSON body accepted (a triage comment is at most 4000 characters).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Refuses a non-loopback admin address without a token (the binder reports it first; this guards embeddings).</summary>
    public static void CheckExposure(IPAddress adminAddress, AdminAuthOptions auth)
    {
        if (auth.Token is null && !IPAddress.IsLoopback(adminAddress))
        {
            throw new InvalidOperationException(
                $"The admin port listens on {adminAddress}, beyond loopback, without a token: give --admin-token-file or {AdminAuthOptions.TokenEnvironmentVariable}, or listen on 127.0.0.1.");
        }
    }

    /// <summary>Registers the API's services: the store (for other code to resolve too), JSON options, auth.</summary>
    public static void AddServices(IServiceCollection services, StoreAccessor accessor, AdminAuthOptions auth)
    {
        services.AddSingleton(accessor);
        // Factories, so they resolve to what the host made after Build; the host disposes them (again is harmless).
        // Without a store (--store none) GetService returns null for both (and GetRequiredService throws).
        services.AddSingleton<IAlertStore>(_ => accessor.Runtime?.Store!);
        services.AddSingleton<AlertStoreWriter>(_ => accessor.Runtime?.Writer!);
        services.AddSingleton(new AdminTokenAuth(auth));
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        AddOpenApi(services);
    }

    /// <summary>The token check, before any endpoint.</summary>
    public static void UseAuth(WebApplication app, AdminAuthOptions auth)
    {
        var check = app.Services.GetRequiredService<AdminTokenAuth>();
        app.Use(async (context, next) =>
        {
            if (check.Protects(context.Request.Path) && !check.IsAuthorized(context.Request))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"ewids\"";
                await ApiResults.Unauthorized().ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);

            // Routing's own refusals (no route, wrong method, wrong content type) have empty bodies: give them problems too.
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !context.Response.HasStarted
                && context.Response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed or StatusCodes.Status415UnsupportedMediaType
                && context.Response.ContentLength is null && context.Response.ContentType is null)
            {
                var result = context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => ApiResults.NotFound("No such API route; see /api/openapi.json."),
                    StatusCodes.Status405MethodNotAllowed => ApiResults.Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", "See /api/openapi.json."),
                    _ => ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send Content-Type: application/json."),
                };
                await result.ExecuteAsync(context).ConfigureAwait(false);
            }
        });
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        MapAlerts(api);
        MapSuppressions(api);
        MapGraph(api);
        MapExports(api);
        api.MapGet("/alerts/stream", AlertStream.RunAsync).WithName("streamAlerts")
            .WithSummary("Server-Sent Events: 'event: alert' with {id, timestamp} for each new alert.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProducesProblem(503);
        MapOpenApi(api);
    }

    private static void MapAlerts(RouteGroupBuilder api)
    {
        api.MapGet("/alerts", (HttpContext context, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
        {
            var filter = AlertQuery.ReadFilter(context.Request.Query, out var error);
            var limit = AlertQuery.ReadLimit(context.Request.Query, AlertQuery.DefaultLimit, AlertQuery.MaxLimit, out var limitError);
            if (filter is null || limitError is not null)
            {
                return ApiResults.BadRequest(error ?? limitError!);
            }

            var cursor = context.Request.Query["cursor"].ToString();
            var page = await runtime.Store.ListAlertsAsync(filter, limit, cursor.Length == 0 ? null : cursor, ct).ConfigureAwait(false);
            return Results.Json(new AlertListDto(page.Alerts.Select(ApiMapping.Summary).ToArray(), page.NextCursor), ApiJsonContext.Default.AlertListDto);
        }))
            .WithName("listAlerts").WithSummary("Alerts, newest first, filtered and paged with a cursor.")
            .WithMetadata(new DocumentedQuery(
            [
                .. AlertQuery.FilterParameters,
                AlertQuery.LimitParameter(AlertQuery.DefaultLimit, AlertQuery.MaxLimit),
                new("cursor", QueryValue.Text, "The nextCursor of the previous page."),
            ]))
            .Produces<AlertListDto>().ProducesProblem(400).ProducesProblem(503);

        api.MapGet("/alerts/{id:long}", (long id, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
            await runtime.Store.GetAlertAsync(id, ct).ConfigureAwait(false) is { } alert
                ? Results.Json(ApiMapping.Detail(alert), ApiJsonContext.Default.AlertDetailDto)
                : ApiResults.NotFound($"No alert {id}.")))
            .WithName("getAlert").WithSummary("One alert with its full evidence.")
            .Produces<AlertDetailDto>().ProducesProblem(404).ProducesProblem(503);

        api.MapPut("/alerts/{id:long}/triage", (long id, HttpContext context, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
        {
            var (body, bodyError) = await ReadBodyAsync(context, ApiJsonContext.Default.TriageRequestDto, required: true, ct).ConfigureAwait(false);
            if (bodyError is not null)
            {
                return bodyError;
            }

            if (!EastWestIds.Storage.Model.ModelText.TryParseTriageState(body!.State, out var state))
            {
                return ApiResults.BadRequest("'state' must be one of: new, acknowledged, false-positive, resolved");
            }

            if (body.Comment is { Length: > 4000 })
            {
                return ApiResults.BadRequest("'comment' is longer than 4000 characters");
            }

            var change = new EastWestIds.Storage.Model.TriageChange(state, AdminTokenAuth.Actor(context.Request), body.Comment);
            return await runtime.Store.SetTriageAsync(id, change, ct).ConfigureAwait(false) is { } alert
                ? Results.Json(ApiMapping.Detail(alert), ApiJsonContext.Default.AlertDetailDto)
                : ApiResults.NotFound($"No alert {id}.");
        }))
            .WithName("triageAlert").WithSummary("Sets an alert's triage state and comment; audited with the actor (X-Ewids-Actor, default admin).")
            .Accepts<TriageRequestDto>("application/json")
            .Produces<AlertDetailDto>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);

        api.MapGet("/alerts/{id:long}/audit", (long id, HttpContext context, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
        {
            var limit = AlertQuery.ReadLimit(context.Request.Query, 100, 1000, out var limitError);
            if (limitError is not null)
            {
                return ApiResults.BadRequest(limitError);
            }

            if (await runtime.Store.GetAlertAsync(id, ct).ConfigureAwait(false) is null)
            {
                return ApiResults.NotFound($"No alert {id}.");
            }

            var entries = await runtime.Store.ListAuditAsync(id, limit, null, ct).ConfigureAwait(false);
            return Results.Json<IReadOnlyList<AuditDto>>(entries.Select(ApiMapping.Audit).ToArray(), ApiJsonContext.Default.IReadOnlyListAuditDto);
        }))
            .WithName("getAlertAudit").WithSummary("The alert's audit trail, newest first.")
            .WithMetadata(new DocumentedQuery([AlertQuery.LimitParameter(100, 1000)]))
            .Produces<IReadOnlyList<AuditDto>>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);

        api.MapPost("/alerts/{id:long}/suppress", (long id, HttpContext context, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
        {
            var (body, bodyError) = await ReadBodyAsync(context, ApiJsonContext.Default.SuppressRequestDto, required: false, ct).ConfigureAwait(false);
            if (bodyError is not null)
            {
                return bodyError;
            }

            var suppression = await runtime.Store.CreateSuppressionFromAlertAsync(id, AdminTokenAuth.Actor(context.Request), body?.Comment, ct).ConfigureAwait(false);
            return suppression is null
                ? ApiResults.NotFound($"No alert {id}.")
                : Results.Json(ApiMapping.Suppression(suppression), ApiJsonContext.Default.SuppressionDto, statusCode: StatusCodes.Status201Created);
        }))
            .WithName("suppressAlert").WithSummary("Suppresses the alert's sid for its caller and callee: future matches are counted, not alerted.")
            .Accepts<SuppressRequestDto>("application/json")
            .Produces<SuppressionDto>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(404).ProducesProblem(503);
    }

    private static void MapSuppressions(RouteGroupBuilder api)
    {
        api.MapGet("/suppressions", (StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
        {
            var list = await runtime.Store.ListSuppressionsAsync(ct).ConfigureAwait(false);
            return Results.Json<IReadOnlyList<SuppressionDto>>(list.Select(ApiMapping.Suppression).ToArray(), ApiJsonContext.Default.IReadOnlyListSuppressionDto);
        }))
            .WithName("listSuppressions").Produces<IReadOnlyList<SuppressionDto>>().ProducesProblem(503);

        api.MapDelete("/suppressions/{id:long}", (long id, HttpContext context, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
            await runtime.Store.DeleteSuppressionAsync(id, AdminTokenAuth.Actor(context.Request), ct).ConfigureAwait(false)
                ? Results.NoContent()
                : ApiResults.NotFound($"No suppression {id}.")))
            .WithName("deleteSuppression").Produces(StatusCodes.Status204NoContent).ProducesProblem(404).ProducesProblem(503);
    }

    private static void MapGraph(RouteGroupBuilder api)
    {
        api.MapGet("/edges", (HttpContext context, StoreAccessor store, CancellationToken ct) => WithStore(store, async runtime =>
        {
            string? error = null;
            var since = AlertQuery.Time(context.Request.Query, "since", ref error);
            var limit = AlertQuery.ReadLimit(context.Request.Query, 1000, 10_000, out var limitError);
            if (error is not null || limitError is not null)
            {
                return ApiResults.BadRequest(error ?? limitError!);
            }

            var edges = await runtime.Store.ListEdgesAsync(since, limit, ct).ConfigureAwait(false);
            return Results.Json<IReadOnlyList<EdgeDto>>(edges.Select(ApiMapping.Edge).ToArray(), ApiJsonContext.Default.IReadOnlyListEdgeDto);
        }))
            .WithMetadata(new DocumentedQuery(
            [
                new("since", QueryValue.Time, "Edges seen at or after this time."),
                AlertQuery.LimitParameter(1000, 10_000),
            ]))
            .WithName("listEdges").WithSummary("The service graph: caller → callee with calls per verdict and alerts, busiest first.")
            .Produces<IReadOnlyList<EdgeDto>>().ProducesProblem(400).ProducesProblem(503);
    }

    private static void MapExports(RouteGroupBuilder api)
    {
        api.MapGet("/export/alerts.jsonl", (HttpContext context, StoreAccessor store) => Export(context, store, "application/x-ndjson", "alerts.jsonl", AlertExport.WriteEveLinesAsync))
            .WithMetadata(new DocumentedQuery(AlertQuery.FilterParameters))
            .WithName("exportAlertsEve").WithSummary("Alerts matching the filters as EVE JSON lines, streamed.")
            .Produces(200, contentType: "application/x-ndjson").ProducesProblem(400).ProducesProblem(503);
        api.MapGet("/export/alerts.csv", (HttpContext context, StoreAccessor store) => Export(context, store, "text/csv; charset=utf-8", "alerts.csv", AlertExport.WriteCsvAsync))
            .WithMetadata(new DocumentedQuery(AlertQuery.FilterParameters))
            .WithName("exportAlertsCsv").WithSummary("Alerts matching the filters as CSV (RFC 4180, formula-safe), streamed.")
            .Produces(200, contentType: "text/csv").ProducesProblem(400).ProducesProblem(503);
    }

    private static Task<IResult> Export(
        HttpContext context,
        StoreAccessor store,
        string contentType,
        string fileName,
        Func<IAsyncEnumerable<EastWestIds.Storage.Model.AlertRecord>, Stream, CancellationToken, Task<long>> write)
        => WithStore(store, runtime =>
        {
            var filter = AlertQuery.ReadFilter(context.Request.Query, out var error);
            if (filter is null)
            {
                return Task.FromResult(ApiResults.BadRequest(error!));
            }

            return Task.FromResult(Results.Stream(
                async stream =>
                {
                    try
                    {
                        await write(runtime.Store.ExportAsync(filter, context.RequestAborted), stream, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (StoreUnavailableException)
                    {
                        // Headers are out: a cut-off body (the connection is aborted) is the only honest signal left.
                        context.Abort();
                    }
                },
                contentType,
                fileName));
        });

    /// <summary>Runs a handler against the store, mapping its errors: not configured/not reachable → 503, bad arguments → 400.</summary>
    private static async Task<IResult> WithStore(StoreAccessor accessor, Func<StoreRuntime, Task<IResult>> action)
    {
        if (accessor.Runtime is not { } runtime)
        {
            return ApiResults.Unavailable("This sink runs without an alert store (--store none).");
        }

        if (!runtime.Initialized)
        {
            return ApiResults.Unavailable($"The {runtime.Store.Kind} alert store has not been reached yet; alerts queue and the connection is retried.");
        }

        try
        {
            return await action(runtime).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            return ApiResults.Unavailable(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return ApiResults.BadRequest(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static async Task<(T? Body, IResult? Error)> ReadBodyAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, bool required, CancellationToken ct)
        where T : class
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return required ? (null, ApiResults.BadRequest("A JSON body is required.")) : (null, null);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {MaxBodyBytes} bytes."));
        }

        // The admin port shares Kestrel's limits with the mirror port (no body limit): bound what is read here.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (!request.HasJsonContentType())
        {
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send Content-Type: application/json."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(request.Body, type, ct).ConfigureAwait(false);
            return body is null && required ? (null, ApiResults.BadRequest("A JSON object is required.")) : (body, null);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {MaxBodyBytes} bytes."));
        }
        catch (JsonException ex)
        {
            return (null, ApiResults.BadRequest($"The body is not valid JSON for this request: {ex.Message}"));
        }
    }
}
