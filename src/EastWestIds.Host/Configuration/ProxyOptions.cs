using System.Net;
using System.Security.Cryptography.X509Certificates;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Proxy;
using EastWestIds.Http.Http1;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Configuration;

/// <summary>The validated settings of <c>ewids proxy</c>.</summary>
internal sealed record ProxyOptions
{
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;
    public int ListenPort { get; init; } = 8080;
    public HttpProtocols ListenProtocols { get; init; } = HttpProtocols.Http1AndHttp2;

    /// <summary>The one upstream (<c>--upstream</c>); null when <see cref="YarpConfigPath"/> gives routes and clusters.</summary>
    public Uri? Upstream { get; init; }

    /// <summary>HTTP version towards <see cref="Upstream"/>: null for YARP's default, else exact (h2c for HTTP/2 over http://).</summary>
    public Version? UpstreamVersion { get; init; }
    public string? YarpConfigPath { get; init; }
    public ProxyMode Mode { get; init; } = ProxyMode.Monitor;
    public BlockRule BlockRule { get; init; } = BlockRule.Default;
    public EngineFailureMode OnEngineFailure { get; init; } = EngineFailureMode.Open;
    public TimeSpan InspectTimeout { get; init; } = TimeSpan.FromMilliseconds(100);
    public int InspectConcurrency { get; init; } = 256;

    /// <summary>The certificate to serve TLS with; null for cleartext.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>CAs a client certificate must chain to; null when the proxy does not terminate mTLS.</summary>
    public X509Certificate2Collection? ClientCa { get; init; }
    public bool TrustXfcc { get; init; }
    public IPAddress AdminAddress { get; init; } = IPAddress.Loopback;
    public int AdminPort { get; init; } = 9090;
    public string EvePath { get; init; } = "-";
    public HttpLimits Limits { get; init; } = HttpLimits.Default;
    public InspectionOptions Inspection { get; init; } = new();

    /// <summary>The signature rules, loaded at start and reloaded on SIGHUP or a file change, as for <c>ewids serve</c>.</summary>
    public Signatures.RuleSources Rules { get; init; } = Signatures.RuleSources.From(null, TimeSpan.FromMilliseconds(10));
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary><c>--kubernetes</c>: the live inventory feeds the policy stage (null: off; <see cref="Inspection"/>'s policies come from --objects).</summary>
    public global::EastWestIds.Host.Kubernetes.KubernetesInventoryOptions? Kubernetes { get; init; }

    // The alert store, the admin API and the learned baseline, exactly as for ewids serve (the same settings and binders).

    /// <summary>The alert store (the command line always sets one; null — tests, <c>--store none</c> — runs without).</summary>
    public Storage.StoreHostOptions? Store { get; init; }

    /// <summary>Who may call the admin API (<c>/api/</c>, and <c>/metrics</c> with <c>--protect-metrics</c>).</summary>
    public Api.AdminAuthOptions AdminAuth { get; init; } = new();

    /// <summary>The learned baseline (<c>--learn</c>, <c>--learn-for</c>); null: no baseline stage.</summary>
    public EastWestIds.Host.Baseline.BaselineHostOptions? Baseline { get; init; }
}
