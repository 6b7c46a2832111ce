using System.Runtime.InteropServices;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Compilation;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Signatures;

/// <summary>
/// Reloads the rules on SIGHUP and when a file in a rule directory changes: compiles the whole set again off the
/// request path and swaps it in atomically (<see cref="SignatureSetHolder"/>). A reload with any error keeps the
/// set in force; every outcome is logged and counted (<c>eastwestids_signature_reloads_total{result}</c>).
/// </summary>
/// <remarks>
/// Editors save in several steps (truncate, write, rename), so file events are debounced: a reload starts once the
/// directory has been quiet for <see cref="Debounce"/>. Reloads never overlap; a request for one while another runs
/// schedules exactly one more. With <c>--rules-warm-up</c> (the default) the new set takes over the built patterns of
/// unchanged rules and builds the rest before the swap, so verdicts never wait for a regex after a reload either, and
/// the two sets never hold two copies of the same regex (~470 MiB for the shipped rules).
/// </remarks>
internal sealed partial class SignatureReloader : IDisposable
{
    private readonly RuleSources _sources;
    private readonly SignatureSetHolder _holder;
    private readonly IdsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly PosixSignalRegistration? _sighup;
    private readonly Timer _debounce;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private int _pending;

    public SignatureReloader(RuleSources sources, SignatureSetHolder holder, IdsMetrics metrics, ILogger logger, bool watchFiles = true)
    {
        _sources = sources;
        _holder = holder;
        _metrics = metrics;
        _logger = logger;
        _debounce = new Timer(_ => _ = ReloadAsync("file change"), null, Timeout.Infinite, Timeout.Infinite);
        if (watchFiles && !sources.DefaultMissing)
        {
            foreach (string directory in sources.WatchDirectories())
            {
                var watcher = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = true,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            _sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // SIGHUP means "reload", not "terminate"
                _ = ReloadAsync("SIGHUP");
            });
        }
    }

    /// <summary>The holder this reloader swaps sets into.</summary>
    public SignatureSetHolder Holder => _holder;

    /// <summary>How long the rule directories must be quiet before a file change triggers a reload.</summary>
    public static TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Reloads now; true when a new set was swapped in (false when it failed or another reload took the request).</summary>
    public async Task<bool> ReloadAsync(string reason)
    {
        Interlocked.Exchange(ref _pending, 1);
        if (!await _reloading.WaitAsync(0).ConfigureAwait(false))
        {
            return false; // the running reload sees the request and goes once more
        }

        bool swapped = false;
        try
        {
            while (Interlocked.Exchange(ref _pending, 0) == 1)
            {
                swapped = await ReloadOnceAsync(reason).ConfigureAwait(false);
            }
        }
        finally
        {
            _reloading.Release();
        }

        // A request that arrived between the last check and the release must not be lost.
        return Volatile.Read(ref _pending) == 1 ? await ReloadAsync(reason).ConfigureAwait(false) : swapped;
    }

    private async Task<bool> ReloadOnceAsync(string reason)
    {
        SignatureCompileResult result = await Task.Run(() => _sources.Load(replacing: _holder.Current)).ConfigureAwait(false);
        if (result.Set is not { } set)
        {
            _metrics.SignaturesReloaded(false, 0);
            Log.ReloadFailed(_logger, reason, result.Errors.Count, _holder.Current.Count);
            foreach (SignatureLoadError error in result.Errors)
            {
                Log.RuleError(_logger, error.ToString());
            }

            return false;
        }

        if (_sources.WarmUp)
        {
            // Built before the swap, so that no verdict of the new set waits for a regex (inline mode would time out
            // and fail open or closed): the old set stays in force meanwhile. Unchanged rules took the old set's built
            // patterns over, so this builds only the new ones and memory does not double (Suricata's rule reload
            // builds its whole new engine beside the old one instead).
            int built = await set.BuildUnbuiltPatternsInBackground().ConfigureAwait(false);
            Log.PatternsBuilt(_logger, built);
        }

        _holder.Swap(set);
        _metrics.SignaturesReloaded(true, set.Count, result.Skipped.Count);
        Log.Reloaded(_logger, reason, set.Count, result.Skipped.Count, result.Warnings.Count);
        return true;
    }

    public void Dispose()
    {
        _sighup?.Dispose();
        foreach (FileSystemWatcher watcher in _watchers)
        {
            watcher.Dispose();
        }

        _debounce.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // Only rule files matter (cases files and editor swap files change too); a directory rename may move rules.
        if (e.ChangeType == WatcherChangeTypes.Renamed || e.FullPath.EndsWith(".rules", StringComparison.Ordinal) || Directory.Exists(e.FullPath))
        {
            _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Signatures reloaded ({Reason}): {Rules} rules in force, {Skipped} skipped, {Warnings} warnings")]
        public static partial void Reloaded(ILogger logger, string reason, int rules, int skipped, int warnings);

        [LoggerMessage(2, LogLevel.Error, "Signature reload ({Reason}) failed with {Errors} errors; the previous set of {Rules} rules stays in force")]
        public static partial void ReloadFailed(ILogger logger, string reason, int errors, int rules);

        [LoggerMessage(3, LogLevel.Error, "  {Error}")]
        public static partial void RuleError(ILogger logger, string error);

        [LoggerMessage(4, LogLevel.Information, "Signature reload: built {Patterns} new patterns before swapping the set in")]
        public static partial void PatternsBuilt(ILogger logger, int patterns);
    }
}
