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
        var proxy = services.AddReverseProxy();
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
