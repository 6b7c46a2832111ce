using System.Net;
using Yarp.ReverseProxy.Configuration;

// plain-yarp --listen PORT --upstream URL: YARP's catch-all forwarding with the same Kestrel settings as
// `ewids proxy` (no Server header, no body size limit) and no inspection, logging only warnings. The baseline
// that bench/load/proxy.sh compares `ewids proxy --mode enforce` with.
var listen = 18082;
string? upstream = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--listen":
            listen = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--upstream":
            upstream = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"plain-yarp: unknown argument {args[i]}; usage: --listen PORT --upstream URL");
            return 2;
    }
}

if (upstream is null)
{
    Console.Error.WriteLine("plain-yarp: --upstream URL is needed");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = null;
    kestrel.Listen(IPAddress.Loopback, listen);
});
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "upstream", ClusterId = "upstream", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig
    {
        ClusterId = "upstream",
        Destinations = new Dictionary<string, DestinationConfig> { ["upstream"] = new() { Address = upstream } },
    }]);
var app = builder.Build();
app.MapReverseProxy();
Console.Error.WriteLine($"plain-yarp: listening on {listen}, forwarding to {upstream}");
await app.RunAsync();
return 0;
