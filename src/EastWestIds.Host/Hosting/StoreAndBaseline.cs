using System.Net;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Api;
using EastWestIds.Host.Baseline;
using EastWestIds.Host.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Hosting;

/// <summary>
/// What <c>serve</c> and <c>proxy</c> both run beside their listener: the alert store (issue 6) with the admin API and
/// web UI over it, and the learned baseline (issue 4) that persists into that store. One sequence for both, so the
/// proxy's admin port answers exactly as the sink's:
/// <list type="number">
/// <item>before the admin app is built, <see cref="AddAdminApi"/> (refuses an exposed port without a token, registers the API);</item>
/// <item>after it is built, <see cref="Create"/> (with the app's logging; nothing opened yet), <see cref="WithBaseline"/> for the
/// pipeline's options, and <see cref="MapAdmin"/>;</item>
/// <item><see cref="StartStoreAsync"/> before the listeners start, <see cref="StartBaseline"/> after (it loads from the store);</item>
/// <item><see cref="DisposeAsync"/> after ingest has drained: the baseline's last counts, then the store's writer drains and closes.</item>
/// </list>
/// </summary>
internal sealed class StoreAndBaseline : IAsyncDisposable
{
    private int _disposed;

    private StoreAndBaseline(StoreRuntime? store, BaselineRuntime? baseline)
    {
        Store = store;
        Baseline = baseline;
        Sink = store is null ? null : new StoreAlertSink(store);
    }

    /// <summary>The alert store, its writer and edge counts (null: <c>--store none</c>).</summary>
    public StoreRuntime? Store { get; }

    /// <summary>The learned baseline (null without <c>--learn</c>/<c>--learn-for</c>).</summary>
    public BaselineRuntime? Baseline { get; }

    /// <summary>The store's side of the pipeline (alerts with their request, suppressions, edges); null without a store.</summary>
    public StoreAlertSink? Sink { get; }

    /// <summary>Before <c>Build()</c>: refuses an admin port beyond loopback without a token, and registers the admin API's services.</summary>
    public static StoreAccessor AddAdminApi(IServiceCollection services, IPAddress adminAddress, AdminAuthOptions auth)
    {
        AdminApi.CheckExposure(adminAddress, auth);
        var accessor = new StoreAccessor();
        AdminApi.AddServices(services, accessor, auth);
        return accessor;
    }

    /// <summary>The admin port's pipeline: the token check first, then probes, <c>/metrics</c>, the web UI and <c>/api/*</c>.</summary>
    public static void MapAdmin(WebApplication app, AdminAuthOptions auth, IdsMetrics metrics, Func<bool> isReady)
    {
        AdminApi.UseAuth(app, auth);
        AdminEndpoints.Map(app, metrics, isReady);
        AdminApi.Map(app);
    }

    /// <summary>After <c>Build()</c>: makes the store (published through <paramref name="accessor"/>) and the baseline. Opens nothing.</summary>
    public static StoreAndBaseline Create(StoreHostOptions? store, BaselineHostOptions? baseline, StoreAccessor accessor, IdsMetrics metrics, ILoggerFactory loggers)
    {
        var runtime = accessor.Runtime = store is null ? null : StoreRuntime.Create(store, metrics.Registry, loggers);
        var learned = baseline is null ? null : new BaselineRuntime(baseline, TimeProvider.System, loggers.CreateLogger("EastWestIds.Baseline"));
        return new StoreAndBaseline(runtime, learned);
    }

    /// <summary>The pipeline's options with the baseline stage observing into the learner (unchanged without a baseline).</summary>
    public InspectionOptions WithBaseline(InspectionOptions inspection)
        => Baseline is null ? inspection : inspection with { Baseline = Baseline.Learner };

    /// <summary>EVE plus the store, for a pipeline whose output needs nothing else (the sink's).</summary>
    public IAlertWriter Output(IAlertWriter eve) => Sink is null ? eve : new CompositeAlertWriter(eve, Sink);

    /// <summary>Starts the store's writer and waits (bounded) for the database; before the listeners start.</summary>
    public Task StartStoreAsync(CancellationToken cancellationToken)
        => Store is null ? Task.CompletedTask : Store.StartAsync(cancellationToken);

    /// <summary>Loads the stored baseline (in the background until the store answers); after the listeners started.</summary>
    public void StartBaseline() => Baseline?.Start(Store);

    /// <summary>After ingest drained: the baseline's last counts go into the writer, then the writer drains and the store closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (Baseline is not null)
        {
            await Baseline.DisposeAsync().ConfigureAwait(false);
        }

        if (Store is not null)
        {
            await Store.DisposeAsync().ConfigureAwait(false);
        }
    }
}
