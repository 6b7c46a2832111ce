using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Writing;

public sealed partial class AlertStoreWriter
{
    /// <summary>
    /// Takes up to a batch from the queue, redacts, writes in one transaction; on "store unavailable" keeps the batch
    /// and retries with backoff, on "data refused" writes item by item to find and drop only the bad ones.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var token = _hardStop.Token;
        var pending = new List<QueuedItem>(_options.MaxBatchItems);
        var hits = new List<SuppressionHits>();
        var batch = new StoreBatch();
        var delay = _options.RetryInitialDelay;
        var nextHitFlush = _time.GetUtcNow() + _options.SuppressionHitFlushInterval;
        var reader = _channel.Reader;
        try
        {
            while (true)
            {
                var channelOpen = true;
                if (pending.Count == 0 && hits.Count == 0)
                {
                    channelOpen = await WaitForWorkAsync(nextHitFlush, token).ConfigureAwait(false);
                }

                while (pending.Count < _options.MaxBatchItems && reader.TryRead(out var item))
                {
                    pending.Add(Prepare(item));
                }

                if (_time.GetUtcNow() >= nextHitFlush || !channelOpen)
                {
                    hits.AddRange(_store.TakeSuppressionHits());
                    nextHitFlush = _time.GetUtcNow() + _options.SuppressionHitFlushInterval;
                }

                if (pending.Count == 0 && hits.Count == 0)
                {
                    if (!channelOpen)
                    {
                        return;
                    }

                    continue;
                }

                Fill(batch, pending, hits);
                var outcome = await TryWriteAsync(batch, token).ConfigureAwait(false);
                if (outcome == WriteOutcome.Refused)
                {
                    outcome = await WriteOneByOneAsync(pending, hits, token).ConfigureAwait(false);
                }

                if (outcome == WriteOutcome.Written)
                {
                    Completed(pending, batch.Alerts.Count);
                    hits.Clear();
                    delay = _options.RetryInitialDelay;
                    continue;
                }

                // Unavailable: keep the batch, wait, try again. New items queue up meanwhile (to the bound).
                await Task.Delay(delay, _time, token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.RetryMaxDelay.Ticks));
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Hard stop after the drain timeout: DisposeAsync counts what is left.
        }
    }

    private enum WriteOutcome
    {
        Written,
        Refused,
        Unavailable,
    }

    private async Task<bool> WaitForWorkAsync(DateTimeOffset nextHitFlush, CancellationToken token)
    {
        var reader = _channel.Reader;
        if (reader.TryPeek(out _))
        {
            return true;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(token);
        var readable = reader.WaitToReadAsync(wake.Token).AsTask();
        var wait = nextHitFlush - _time.GetUtcNow();
        var timer = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, wake.Token);
        var first = await Task.WhenAny(readable, timer).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        if (first == readable)
        {
            return await readable.ConfigureAwait(false);
        }

        return !reader.Completion.IsCompleted;
    }

    /// <summary>Redacts an alert as it leaves the queue; an alert that cannot be redacted is dropped, never stored raw.</summary>
    private QueuedItem Prepare(QueuedItem item)
    {
        if (item.Item is not AlertRecord alert)
        {
            return item;
        }

        try
        {
            return item with { Item = _redactor.Redact(alert) };
        }
        catch (Exception ex) when (ex is System.Text.RegularExpressions.RegexMatchTimeoutException or ArgumentException)
        {
            Log.RowRejected(_logger, "redaction failed: " + ex.Message);
            CountDrop(StoreDropReason.Rejected);
            return item with { Item = Rejected.Instance };
        }
    }

    /// <summary>Stands in for an item dropped before writing, so the accounting still releases it.</summary>
    private sealed class Rejected
    {
        public static readonly Rejected Instance = new();
    }

    private static void Fill(StoreBatch batch, List<QueuedItem> pending, List<SuppressionHits> hits)
    {
        batch.Clear();
        foreach (var item in pending)
        {
            switch (item.Item)
            {
                case AlertRecord alert:
                    batch.Alerts.Add(alert);
                    break;
                case FlowEdgeDelta edge:
                    batch.Edges.Add(edge);
                    break;
                case BaselineDelta baseline:
                    batch.Baseline.Add(baseline);
                    break;
            }
        }

        batch.SuppressionHits.AddRange(hits);
    }

    private async Task<WriteOutcome> TryWriteAsync(StoreBatch batch, CancellationToken token)
    {
        try
        {
            if (!_initialized)
            {
                await _store.InitializeAsync(token).ConfigureAwait(false);
                _initialized = true;
            }

            await _store.WriteBatchAsync(batch, token).ConfigureAwait(false);
            if (!_available)
            {
                _available = true;
                Log.StoreRecovered(_logger, _store.Kind);
            }

            return WriteOutcome.Written;
        }
        catch (StoreDataException ex)
        {
            Interlocked.Increment(ref _writeErrors);
            Log.RowRejected(_logger, ex.Message);
            return WriteOutcome.Refused;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            Interlocked.Increment(ref _writeErrors);
            if (_available)
            {
                _available = false;
                Log.StoreUnavailable(_logger, _store.Kind, ex);
            }

            return WriteOutcome.Unavailable;
        }
    }

    /// <summary>After a refused batch: each item alone, so one bad row costs only itself.</summary>
    private async Task<WriteOutcome> WriteOneByOneAsync(List<QueuedItem> pending, List<SuppressionHits> hits, CancellationToken token)
    {
        var single = new StoreBatch();
        for (var i = 0; i < pending.Count; i++)
        {
            var item = pending[i];
            Fill(single, [item], []);
            var outcome = single.IsEmpty ? WriteOutcome.Written : await TryWriteAsync(single, token).ConfigureAwait(false);
            if (outcome == WriteOutcome.Unavailable)
            {
                // Keep what is left for the retry; what was written is released now.
                Completed(pending.GetRange(0, i), 0);
                pending.RemoveRange(0, i);
                return WriteOutcome.Unavailable;
            }

            if (outcome == WriteOutcome.Refused)
            {
                CountDrop(StoreDropReason.Rejected);
                pending[i] = item with { Item = Rejected.Instance };
            }
            else if (item.Item is AlertRecord)
            {
                Interlocked.Increment(ref _alertsWritten);
            }
        }

        if (hits.Count > 0)
        {
            Fill(single, [], hits);
            if (await TryWriteAsync(single, token).ConfigureAwait(false) == WriteOutcome.Unavailable)
            {
                Completed(pending, 0);
                pending.Clear();
                return WriteOutcome.Unavailable;
            }
        }

        Completed(pending, 0);
        pending.Clear();
        hits.Clear();
        return WriteOutcome.Written;
    }

    private void Completed(List<QueuedItem> items, int alertsWritten)
    {
        if (items.Count == 0)
        {
            return;
        }

        long bytes = 0;
        long written = 0;
        foreach (var item in items)
        {
            bytes += item.Bytes;
            if (item.Item is not Rejected)
            {
                written++;
            }
        }

        Interlocked.Add(ref _alertsWritten, alertsWritten);
        Interlocked.Add(ref _itemsWritten, written);
        Interlocked.Increment(ref _batches);
        Release(bytes, items.Count);
        items.Clear();
    }
}
