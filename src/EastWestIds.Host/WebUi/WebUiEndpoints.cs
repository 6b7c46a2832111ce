using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EastWestIds.Host.WebUi;

/// <summary>
/// Serves the web UI on the admin port: <c>/</c> is the page, <c>/ui/…</c> its scripts and styles. The files hold
/// no data and no secrets, so they are served without the API token; the page asks for the token when the API
/// answers 401 and sends it with every API call.
/// </summary>
internal static class WebUiEndpoints
{
    /// <summary>Where the assets live on the admin port.</summary>
    public const string AssetPrefix = "/ui/";

    public static void Map(IEndpointRouteBuilder endpoints) => Map(endpoints, WebUiAssets.Embedded);

    internal static void Map(IEndpointRouteBuilder endpoints, WebUiAssets assets)
    {
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], context => Serve(context, assets, "index.html"));
        endpoints.MapMethods(AssetPrefix + "{**path}", [HttpMethods.Get, HttpMethods.Head], context =>
            Serve(context, assets, context.Request.RouteValues["path"] as string ?? ""));
    }

    private static Task Serve(HttpContext context, WebUiAssets assets, string path)
    {
        var response = context.Response;
        WebUiHeaders.Apply(response);
        // Exact lookup in a fixed table: no file system, so no traversal, no directory listing, no stray files.
        if (!assets.TryGet(path, out var asset))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync("not found\n");
        }

        response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(asset.Content).AsTask();
    }
}
