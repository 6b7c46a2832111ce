namespace EastWestIds.Storage.Writing;

public sealed partial class AlertStoreWriter
{
    /// <summary>
    /// Retention passes and suppression refreshes, on their own task so a long retention backlog never delays
    /// alert writes by more than one short DELETE. Failures are logged, counted and retried next round.
    /// </summary>
    private async Task MaintenanceLoopAsync()
    {
        var token = _hardStop.Token;
        var retention = _options.Retention;
        var tick = _options.SuppressionRefreshInterval;
        if (retention is not null && retention.Interval < tick)
        {
            tick = retention.Interval;
        }

        var nextRetention = _time.GetUtcNow();
        var nextRefresh = _time.GetUtcNow() + _options.SuppressionRefreshInterval;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(tick, _time, token).ConfigureAwait(false);
                if (!_initialized)
                {
                    continue;
                }

                var now = _time.GetUtcNow();
                if (now >= nextRefresh)
                {
                    nextRefresh = now + _options.SuppressionRefreshInterval;
                    await RunMaintenanceStepAsync(() => _store.RefreshSuppressionsAsync(token), token).ConfigureAwait(false);
                }

                if (retention is not null && now >= nextRetention)
                {
                    nextRetention = now + retention.Interval;
                    await RunMaintenanceStepAsync(() => RunRetentionAsync(retention, token), token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>One retention pass, continued while it says more remains (with a pause so writes get the lock in between).</summary>
    private async Task RunRetentionAsync(RetentionOptions retention, CancellationToken token)
    {
        RetentionResult result;
        var rounds = 0;
        do
        {
            result = await _store.RunRetentionAsync(retention, _time.GetUtcNow(), token).ConfigureAwait(false);
            var deleted = result.AlertsByAge + result.AlertsByCount + result.Edges + result.BaselineEntries;
            if (deleted > 0)
            {
                Log.RetentionDeleted(_logger, result.AlertsByAge, result.AlertsByCount, result.Edges, result.BaselineEntries);
            }

            if (result.MoreRemaining)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, token).ConfigureAwait(false);
            }
        }
        while (result.MoreRemaining && ++rounds < 1000 && !token.IsCancellationRequested);
    }

    private async Task RunMaintenanceStepAsync(Func<Task> step, CancellationToken token)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            Interlocked.Increment(ref _maintenanceErrors);
            Log.MaintenanceFailed(_logger, _store.Kind, ex);
        }
    }
}
