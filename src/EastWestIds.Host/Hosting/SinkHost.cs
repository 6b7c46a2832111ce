using System.Net;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Analysis;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Authorization;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Kubernetes;
using EastWestIds.Host.Mirror;
using EastWestIds.Host.Signatures;
using EastWestIds.Engine.Signatures;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Compilation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EastWestIds.Host.Hosting;

/// <summary>
/// <c>ewids serve</c> as an object: the mirror listener (HTTP/1.1 framed by us, h2c by Kestrel), the admin port,
/// the analysis queue and the EVE output, started together and stopped in order (listeners first, then the
/// queue drains, then the output flushes). Tests start it on port 0 and read the bound ports back.
/// </summary>
internal sealed class SinkHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AnalysisQueue _queue;
    private readonly ConnectionHeartbeat _heartbeat;
    private readonly IAlertWriter _writer;
    private readonly bool _ownsWriter;
    private bool _ready;
    private int _disposed;

    /// <summary>The alert store, its writer and edge counts (null without a store).</summary>
    public Storage.StoreRuntime? Store => _storage.Store;

    /// <summary>The learned baseline (null without --learn/--learn-for).</summary>
    public EastWestIds.Host.Baseline.BaselineRuntime? Baseline => _storage.Baseline;

    // The store, the admin API over it and the baseline: started and stopped as ewids proxy does (StoreAndBaseline).
    private StoreAndBaseline _storage = null!;

    private LivePolicyFeed? _live;

    private SinkHost(WebApplication app, AnalysisQueue queue, ConnectionHeartbeat heartbeat, IAlertWriter writer, bool ownsWriter, IdsMetrics metrics)
    {
        _app = app;
        _queue = queue;
        _heartbeat = heartbeat;
        _writer = writer;
        _ownsWriter = ownsWriter;
        Metrics = metrics;
    }

    public IdsMetrics Metrics { get; }

    /// <summary>Reloads the signatures (SIGHUP and rule file changes call it too).</summary>
    public SignatureReloader Reloader { get; private init; } = null!;

    /// <summary>The signature set in force.</summary>
    public SignatureSetHolder Signatures => Reloader.Holder;

    /// <summary>The bound mirror endpoint (the real port when 0 was asked for).</summary>
    public IPEndPoint MirrorEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public IPEndPoint AdminEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>The second mirror port for http2/grpc mirror targets, when one is configured.</summary>
    public IPEndPoint? GrpcEndPoint { get; private set; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SinkHost> StartAsync(ServeOptions options, SinkHostOverrides? overrides = null, CancellationToken cancellationToken = default)
    {
        overrides ??= new SinkHostOverrides();
        var builder = WebApplication.CreateSlimBuilder();
        // The framework's start-up chatter is replaced by our one banner line.
        HostLogging.Configure(builder, options.LogLevel, overrides.LoggerProvider, "Microsoft");

        // Kestrel reads its options when the app starts, after Build(): the engine is made in between, with the
        // app's own logging.
        MirrorConnectionHandler? connections = null;
        builder.Services.Configure<SocketTransportOptions>(o =>
        {
            o.UnsafePreferInlineScheduling = options.InlineScheduling;
            // By default the transport first waits for data with a zero-byte peek, then reads: two receive calls per
            // mirrored request (bench/README.md). A sidecar's mirror connections are few and busy, so holding one
            // pooled 4 KiB block per idle connection is the cheaper side of that trade.
            o.WaitForDataBeforeAllocatingBuffer = false;
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // mirrored bodies are drained, not buffered: no size is too large
            kestrel.Limits.KeepAliveTimeout = options.IdleTimeout;
            kestrel.Limits.RequestHeadersTimeout = options.HeaderTimeout;
            KestrelHeadLimits.Apply(kestrel.Limits, options.Limits);
            KestrelHeaderBytes.Apply(kestrel);
            void MirrorListener(ListenOptions listen)
            {
                // HTTP/2 only, without TLS, is h2c with prior knowledge; HTTP/1.1 never gets that far.
                listen.Protocols = HttpProtocols.Http2;
                listen.Use(next => connections!.Middleware(next));
            }

            kestrel.Listen(options.MirrorAddress, options.MirrorPort, MirrorListener);
            kestrel.Listen(options.AdminAddress, options.AdminPort, listen => listen.Protocols = HttpProtocols.Http1);
            if (options.GrpcPort is int grpcPort)
            {
                kestrel.Listen(options.MirrorAddress, grpcPort, MirrorListener);
            }
        });

        // Alert store and admin API (issue 6): services are registered now, the store is made after Build (with the app's logging).
        var storeAccessor = StoreAndBaseline.AddAdminApi(builder.Services, options.AdminAddress, options.AdminAuth);

        var app = builder.Build();
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var metrics = overrides.Metrics ?? new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        ProcessMetrics.Register(metrics.Registry);
        var storage = StoreAndBaseline.Create(options.Store, options.Baseline, storeAccessor, metrics, loggerFactory);
        var (signatures, live) = await StartupSources.LoadAsync(app, options.Rules, options.Kubernetes, options.Inspection, metrics, loggerFactory).ConfigureAwait(false);

        var ownsWriter = overrides.AlertWriter is null;
        var writer = overrides.AlertWriter ?? StreamAlertWriter.Open(options.EvePath, metrics, loggerFactory.CreateLogger("EastWestIds.Eve"));
        var output = storage.Output(writer);
        // Learned baseline (issue 4): the pipeline observes into its learner; it is loaded from the store after the store starts.
        var inspection = storage.WithBaseline(options.Inspection);
        var pipeline = new InspectionPipeline(inspection, output, metrics, signatures);
        var reloader = new SignatureReloader(options.Rules, signatures, metrics, loggerFactory.CreateLogger<SignatureReloader>(), overrides.WatchRuleFiles);
        if (live is null)
        {
            PolicyObjectsLoader.LogStartup(loggerFactory.CreateLogger("EastWestIds.Policy"), options.Inspection.Policies);
        }

        var queue = new AnalysisQueue(pipeline, new MirroredRequestPool(), metrics, loggerFactory.CreateLogger<AnalysisQueue>(), options.AnalysisQueueCapacity, options.AnalysisWorkers, options.AnalysisQueueMemoryBytes);
        var heartbeat = new ConnectionHeartbeat(TimeSpan.FromMilliseconds(Math.Clamp(options.HeaderTimeout.TotalMilliseconds / 4, 25, 1000)));
        var settings = new MirrorSettings(options.Limits, options.Inspection.MaxInspectedBodyBytes, options.Inspection.MaxInspectedBodyTailBytes, options.Inspection.MaxEvidenceBytes, options.HeaderTimeout, options.IdleTimeout);
        connections = new MirrorConnectionHandler(settings, queue, metrics, heartbeat, loggerFactory.CreateLogger<MirrorConnectionHandler>());
        var http2 = new Http2MirrorHandler(queue, settings);
        var host = new SinkHost(app, queue, heartbeat, writer, ownsWriter, metrics) { Reloader = reloader, _storage = storage, _live = live };
        app.Lifetime.ApplicationStopping.Register(heartbeat.CloseAll);
        app.Use(async (context, next) =>
        {
            // Only the mirror port speaks HTTP/2: the admin port is HTTP/1.1 only.
            if (context.Request.Protocol == HttpProtocol.Http2)
            {
                await http2.HandleAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        StoreAndBaseline.MapAdmin(app, options.AdminAuth, metrics, () => host._ready && (host._live?.IsReady ?? true));

        try
        {
            await storage.StartStoreAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (storage.Store is not null)
        {
            await storage.DisposeAsync().ConfigureAwait(false); // a taken port must not leave the writer running
            throw;
        }

        // Learned baseline: loaded from the store now that it started (in the background until it answers).
        storage.StartBaseline();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        host.MirrorEndPoint = Resolve(addresses, options.MirrorAddress, options.MirrorPort, 0);
        host.AdminEndPoint = Resolve(addresses, options.AdminAddress, options.AdminPort, 1);
        host.GrpcEndPoint = options.GrpcPort is int grpc ? Resolve(addresses, options.MirrorAddress, grpc, 2) : null;
        host._ready = true;
        return host;
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return; // stopped already (a test may stop it early to inspect what it left behind)
        }

        _ready = false;
        Reloader.Dispose();
        if (_live is not null)
        {
            await _live.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync().ConfigureAwait(false);
        _heartbeat.Dispose();
        await _queue.DisposeAsync().ConfigureAwait(false);
        _writer.Flush();
        if (_ownsWriter && _writer is IDisposable disposable)
        {
            disposable.Dispose();
        }

        // After the queue drained: the last learned counts, alerts and edge counts are in the writer; it drains them, then closes.
        await _storage.DisposeAsync().ConfigureAwait(false);

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static IPEndPoint Resolve(string[] addresses, IPAddress address, int port, int index)
    {
        // Kestrel reports endpoints in the order they were added; take the port from there (port 0 is resolved).
        var uri = new Uri(addresses[index].Replace("[::]", "[::1]", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        var resolved = port != 0 ? port : uri.Port;
        var ip = address.Equals(IPAddress.Any) ? IPAddress.Loopback : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address;
        return new IPEndPoint(ip, resolved);
    }
}
