using System.Net;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Kubernetes;
using EastWestIds.Host.Authorization;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Hosting;
using EastWestIds.Engine.Signatures;
using EastWestIds.Host.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// <c>ewids proxy</c> as an object: the proxy listener (YARP with <see cref="InspectionProxyStep"/> first in its
/// pipeline), the admin port on a host of its own (so no YARP route can shadow <c>/metrics</c> or <c>/api</c>, and no
/// proxied request can reach it), the EVE output, and the alert store, admin API and baseline as <c>ewids serve</c>
/// runs them (<see cref="StoreAndBaseline"/>). Stopped in order: listeners, running inspections, the output flushes,
/// then the baseline's last counts and the store drain. Tests start it on port 0 and read the bound ports back.
/// </summary>
internal sealed class ProxyHost : IAsyncDisposable
{
    private readonly WebApplication _proxy;
    private readonly WebApplication _admin;
    private readonly IAlertWriter _writer;
    private readonly bool _ownsWriter;
    private InlineInspector? _inspector;
    private SignatureReloader? _reloader;
    private bool _ready;
    private LivePolicyFeed? _live;
    private StoreAndBaseline? _storage;
    private int _disposed;

    private ProxyHost(WebApplication proxy, WebApplication admin, IAlertWriter writer, bool ownsWriter, IdsMetrics metrics, ProxyMetrics proxyMetrics)
    {
        _proxy = proxy;
        _admin = admin;
        _writer = writer;
        _ownsWriter = ownsWriter;
        Metrics = metrics;
        ProxyMetrics = proxyMetrics;
    }

    public IdsMetrics Metrics { get; }

    public ProxyMetrics ProxyMetrics { get; }

    /// <summary>The alert store, its writer and edge counts (null without a store).</summary>
    public Storage.StoreRuntime? Store => _storage?.Store;

    /// <summary>The learned baseline (null without --learn/--learn-for).</summary>
    public EastWestIds.Host.Baseline.BaselineRuntime? Baseline => _storage?.Baseline;

    /// <summary>The bound proxy endpoint (the real port when 0 was asked for).</summary>
    public IPEndPoint ListenEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public IPEndPoint AdminEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public static async Task<ProxyHost> StartAsync(ProxyOptions options, ProxyHostOverrides? overrides = null, CancellationToken cancellationToken = default)
    {
        overrides ??= new ProxyHostOverrides();
        var metrics = overrides.Metrics ?? new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        ProcessMetrics.Register(metrics.Registry);
        var proxyMetrics = new ProxyMetrics(metrics.Registry);

        var builder = WebApplication.CreateSlimBuilder();
        // YARP logs every upstream failure as a warning; they are counted in eastwestids_inline_forward_errors_total.
        HostLogging.Configure(builder, options.LogLevel, overrides.LoggerProvider, "Microsoft", "Yarp");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // bodies stream through; only their first bytes are ever held
            kestrel.Limits.KeepAliveTimeout = options.IdleTimeout;
            kestrel.Limits.RequestHeadersTimeout = options.HeaderTimeout;
            KestrelHeadLimits.Apply(kestrel.Limits, options.Limits);
            KestrelHeaderBytes.Apply(kestrel);
            kestrel.Listen(options.ListenAddress, options.ListenPort, listen =>
            {
                listen.Protocols = options.ListenProtocols;
                if (options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(https => ConfigureTls(https, certificate, options.ClientCa));
                }
            });
        });
        YarpRoutes.Add(builder.Services, options);

        var adminBuilder = WebApplication.CreateSlimBuilder();
        HostLogging.Configure(adminBuilder, options.LogLevel, overrides.LoggerProvider, "Microsoft", "Yarp");
        adminBuilder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.AdminAddress, options.AdminPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        // Alert store and admin API (issue 6), as for ewids serve: registered now, the store is made after Build.
        var storeAccessor = StoreAndBaseline.AddAdminApi(adminBuilder.Services, options.AdminAddress, options.AdminAuth);

        var proxy = builder.Build();
        var loggerFactory = proxy.Services.GetRequiredService<ILoggerFactory>();
        var storage = StoreAndBaseline.Create(options.Store, options.Baseline, storeAccessor, metrics, loggerFactory);
        var (signatures, live) = await StartupSources.LoadAsync(proxy, options.Rules, options.Kubernetes, options.Inspection, metrics, loggerFactory).ConfigureAwait(false);
        BlockSidsCheck.WarnAboutUnknown(options.BlockRule, signatures.Current, loggerFactory.CreateLogger("EastWestIds.Proxy"));

        var ownsWriter = overrides.AlertWriter is null;
        var writer = overrides.AlertWriter ?? StreamAlertWriter.Open(options.EvePath, metrics, loggerFactory.CreateLogger("EastWestIds.Eve"));
        // Every alert says what became of its request (blocked, would-block, …), in EVE and in the store.
        var output = new InlineAlertOutput(writer, storage.Sink);
        var pipeline = new InspectionPipeline(storage.WithBaseline(options.Inspection), output, metrics, signatures);
        var reloader = new SignatureReloader(options.Rules, signatures, metrics, loggerFactory.CreateLogger<SignatureReloader>(), overrides.WatchRuleFiles);
        if (live is null)
        {
            PolicyObjectsLoader.LogStartup(loggerFactory.CreateLogger("EastWestIds.Policy"), options.Inspection.Policies);
        }

        var inspector = new InlineInspector(
            pipeline, new MirroredRequestPool(), options.BlockRule, options.InspectTimeout, options.InspectConcurrency,
            proxyMetrics, loggerFactory.CreateLogger<InlineInspector>(), overrides.BeforeInspect, options.OnEngineFailure);
        var step = new InspectionProxyStep(inspector, new InlineCallerIdentity(options, proxyMetrics), options, metrics, proxyMetrics,
            loggerFactory.CreateLogger<InspectionProxyStep>());
        proxy.MapReverseProxy(pipeline =>
        {
            pipeline.Use(step.InvokeAsync);
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });

        var admin = adminBuilder.Build();
        var host = new ProxyHost(proxy, admin, writer, ownsWriter, metrics, proxyMetrics) { _inspector = inspector, _reloader = reloader, _live = live, _storage = storage };
        var warm = ProxyWarmGate.Start(
            inspector, signatures, waits: options.Mode == ProxyMode.Enforce && options.Rules.WarmUp,
            loggerFactory.CreateLogger<ProxyWarmGate>(), proxy.Lifetime.ApplicationStopping);
        StoreAndBaseline.MapAdmin(admin, options.AdminAuth, metrics, () => host._ready && (host._live?.IsReady ?? true) && warm.IsWarm);

        try
        {
            await storage.StartStoreAsync(cancellationToken).ConfigureAwait(false);
            await admin.StartAsync(cancellationToken).ConfigureAwait(false);
            await proxy.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        host.ListenEndPoint = Bound(proxy, options.ListenAddress, options.ListenPort);
        host.AdminEndPoint = Bound(admin, options.AdminAddress, options.AdminPort);

        // Learned baseline: loaded from the store now that it started (in the background until it answers).
        storage.StartBaseline();
        host._ready = true;
        return host;
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _proxy.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return; // stopped already (a test may stop it early to inspect what it left behind)
        }

        _ready = false;
        await StopQuietlyAsync(_proxy).ConfigureAwait(false);
        await StopQuietlyAsync(_admin).ConfigureAwait(false);
        if (_inspector is not null)
        {
            await _inspector.DrainAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            _inspector.Dispose(); // its timeout watchdog and drainer threads
        }

        _reloader?.Dispose();
        if (_live is not null)
        {
            await _live.DisposeAsync().ConfigureAwait(false);
        }

        _writer.Flush();
        if (_ownsWriter && _writer is IDisposable disposable)
        {
            disposable.Dispose();
        }

        if (_storage is not null)
        {
            // After the inspections drained: the last learned counts, alerts and edge counts are in the writer; it
            // drains them, then closes.
            await _storage.DisposeAsync().ConfigureAwait(false);
        }

        await _proxy.DisposeAsync().ConfigureAwait(false);
        await _admin.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started (a start-up failure being cleaned up): nothing to stop.
        }
    }

    private static void ConfigureTls(HttpsConnectionAdapterOptions https, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, System.Security.Cryptography.X509Certificates.X509Certificate2Collection? clientCa)
    {
        https.ServerCertificate = certificate;
        if (clientCa is null)
        {
            return;
        }

        // STRICT mTLS, as a mesh sidecar does: no certificate, no connection.
        var validator = new ClientCertificateValidator(clientCa);
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (client, chain, _) => validator.Validate(client, chain);
    }

    private static IPEndPoint Bound(WebApplication app, IPAddress address, int port)
    {
        var uri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "[::1]", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        var ip = address.Equals(IPAddress.Any) ? IPAddress.Loopback : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address;
        return new IPEndPoint(ip, port != 0 ? port : uri.Port);
    }
}
