using EastWestIds.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Where the proxy forwards: one catch-all route to <c>--upstream</c>, or the routes and clusters of a YARP
/// configuration file (<c>--yarp-config</c>, its <c>ReverseProxy</c> section, reloaded when the file changes, as
/// YARP's own configuration provider does). YARP validates either form when the proxy starts.
/// </summary>
internal static class YarpRoutes
{
    public const string RouteId = "upstream";
    public const string ClusterId = "upstream";

    public static IReverseProxyBuilder Add(IServiceCollection services, ProxyOptions options)
    {
        // Header values forwarded as the bytes that came (KestrelHeaderBytes reads them as Latin-1): the default ASCII
        // encoding would fail the forward of any value with a byte over 0x7F, UTF-8 would change its bytes.
        var proxy = services.AddReverseProxy()
            .ConfigureHttpClient((_, handler) => handler.RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1);
        if (options.YarpConfigPath is { } path)
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: true)
                .Build();
            return proxy.LoadFromConfig(configuration.GetSection("ReverseProxy"));
        }

        var upstream = options.Upstream ?? throw new InvalidOperationException("no upstream: the options binder requires --upstream or --yarp-config");
        var route = new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = ClusterId,
            Match = new RouteMatch { Path = "{**catch-all}" },
        };
        var cluster = new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
            {
                ["upstream"] = new DestinationConfig { Address = upstream.ToString() },
            },
            HttpRequest = options.UpstreamVersion is { } version
                ? new ForwarderRequestConfig { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact }
                : null,
        };
        return proxy.LoadFromMemory([route], [cluster]);
    }
}
