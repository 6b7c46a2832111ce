using EastWestIds.Host.Storage;
using EastWestIds.Policy.Baseline;
using EastWestIds.Storage;
using EastWestIds.Storage.Model;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Baseline;

/// <summary>
/// The learned baseline as <c>ewids serve</c> runs it: the <see cref="BaselineLearner"/> the pipeline observes into,
/// loaded from the store's <c>baseline</c> table at start, its counts flushed back as <see cref="BaselineDelta"/>s
/// through the store's writer every few seconds (and once more at shutdown), and the end of the learning period.
/// </summary>
/// <remarks>
/// <para>
/// Until the stored baseline is loaded the learner is suspended (it observes nothing): detecting against an empty
/// table would report every known edge as new after each restart. When the store is down at start, loading retries in
/// the background and the stage stays suspended meanwhile; <c>eastwestids_baseline_edges</c> stays 0 until then.
/// </para>
/// <para>
/// <c>--learn-for</c> counts from the earliest <c>first_seen</c> in the stored baseline (from now when it is empty), so
/// a restarted pod continues the period instead of starting a new one; <c>--learn-for 0</c> only detects. <c>--learn</c>
/// learns until the process is restarted without it. Without a store (<c>--store none</c>) the baseline lives in
/// memory only and says so in the log.
/// </para>
/// </remarks>
internal sealed class BaselineRuntime : IAsyncDisposable
{
    private readonly BaselineHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private StoreRuntime? _store;
    private ITimer? _flushTimer;
    private ITimer? _learningTimer;
    private Task _load = Task.CompletedTask;
    private DateTimeOffset _windowStart;
    private readonly Lock _flushLock = new();

    public BaselineRuntime(BaselineHostOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        Learner = new BaselineLearner(options.MaxEdges, learning: options.LearnUntilRestart || options.LearnFor > TimeSpan.Zero);
        Learner.Suspend();
    }

    public BaselineLearner Learner { get; }

    /// <summary>When learning ends (null: it does not end by itself, or it has not been decided yet).</summary>
    public DateTimeOffset? LearningEndsAt { get; private set; }

    /// <summary>Completes when the stored baseline is loaded and the mode decided.</summary>
    public Task Loaded => _load;

    /// <summary>Loads the stored baseline (in the background until the store answers) and starts flushing to it.</summary>
    public void Start(StoreRuntime? store)
    {
        _store = store;
        _windowStart = _time.GetUtcNow();
        if (store is null)
        {
            _logger.LogWarning("Baseline not persisted (--store none): it is learned in memory and starts empty after a restart");
            Decide(_time.GetUtcNow(), loaded: 0);
            return;
        }

        _flushTimer = _time.CreateTimer(_ => Flush(), null, _options.FlushInterval, _options.FlushInterval);
        _load = LoadAsync(store, _stopping.Token);
    }

    private async Task LoadAsync(StoreRuntime store, CancellationToken token)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (store.Initialized)
                {
                    var entries = await store.Store.ListBaselineAsync(limit: Math.Min(_options.MaxEdges, 1_000_000), cancellationToken: token).ConfigureAwait(false);
                    var refused = Learner.Load(entries.Select(e => new LearnedEdge(e.Caller, e.Callee, e.Method, e.PathTemplate, e.Count)));
                    if (refused > 0 || entries.Count >= _options.MaxEdges)
                    {
                        _logger.LogWarning("Baseline: {Refused} stored edges not loaded (invalid, or past --baseline-max-edges {Max})", refused, _options.MaxEdges);
                    }

                    var anchor = entries.Count == 0 ? _time.GetUtcNow() : entries.Min(e => e.FirstSeen);
                    Decide(anchor, entries.Count - refused);
                    return;
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException or IOException or TimeoutException)
            {
                _logger.LogWarning("Baseline: stored baseline not readable yet, retrying (the stage observes nothing until then): {Reason}", ex.Message);
            }

            try
            {
                await Task.Delay(delay, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>Learning or detecting, from the options and when the baseline began; then observing starts.</summary>
    private void Decide(DateTimeOffset anchor, int loaded)
    {
        var now = _time.GetUtcNow();
        if (_options.LearnUntilRestart)
        {
            Learner.StartLearning();
            _logger.LogInformation("Baseline: {Edges} stored edges; learning until restarted without --learn", loaded);
        }
        else
        {
            var until = anchor + (_options.LearnFor ?? TimeSpan.Zero);
            if (until > now)
            {
                Learner.StartLearning();
                LearningEndsAt = until;
                _learningTimer = _time.CreateTimer(_ => EndLearning(), null, until - now, Timeout.InfiniteTimeSpan);
                _logger.LogInformation("Baseline: {Edges} stored edges; learning until {Until:u} (--learn-for from the first stored edge)", loaded, until);
            }
            else
            {
                Learner.EndLearning();
                _logger.LogInformation("Baseline: {Edges} stored edges; learning period over since {Until:u}: new edges are reported (sid 9300020)", loaded, until);
            }
        }

        Learner.Resume();
    }

    private void EndLearning()
    {
        Learner.EndLearning();
        _logger.LogInformation("Baseline: learning period over with {Edges} edges: new edges are reported from now on (sid 9300020)", Learner.BaselineEdgeCount);
    }

    /// <summary>Hands the counts since the last flush to the store's writer; what a full queue refuses waits for the next one.</summary>
    public void Flush()
    {
        if (_store is not { } store)
        {
            return;
        }

        lock (_flushLock)
        {
            var now = _time.GetUtcNow();
            foreach (var delta in Learner.TakeDeltas())
            {
                // No clock per request: first/last seen are the bounds of the window the calls were counted in.
                var record = new BaselineDelta(delta.Caller, delta.Callee, delta.Method, delta.PathTemplate, delta.Count, _windowStart, now);
                try
                {
                    if (!store.Writer.TryEnqueue(record))
                    {
                        Learner.Restore(delta);
                    }
                }
                catch (ObjectDisposedException)
                {
                    return; // stopping
                }
            }

            _windowStart = now;
        }
    }

    /// <summary>Stops the timers and loading, then flushes what is left into the writer (before the store drains and closes).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_flushTimer is not null)
        {
            await _flushTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_learningTimer is not null)
        {
            await _learningTimer.DisposeAsync().ConfigureAwait(false);
        }

        await _load.ConfigureAwait(false);
        Flush();
        _stopping.Dispose();
    }
}
