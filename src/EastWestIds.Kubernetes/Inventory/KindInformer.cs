using System.Net;
using k8s;
using k8s.Autorest;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>
/// Keeps one kind's objects current: list, then watch from the list's resourceVersion with bookmarks. 410 Gone
/// lists again (replacing everything, so objects deleted meanwhile disappear); a closed stream reconnects from the
/// last version seen; a broken or silent stream reconnects after a capped, jittered backoff. Every change calls
/// <c>changed</c>, which only marks the inventory dirty.
/// </summary>
internal sealed class KindInformer(IKindSource source, string? ns, LiveInventoryOptions options, InventoryMetrics metrics, Action changed, Action<string, Exception> failed)
{
    private readonly Lock _lock = new();
    private Dictionary<(string Namespace, string Name), KindObject> _objects = [];
    private volatile bool _listed;

    public string Kind => source.Kind;

    public WatchedResource Resource => source.Resource;

    /// <summary>True once the first list succeeded.</summary>
    public bool HasListed => _listed;

    /// <summary>How many objects are held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _objects.Count;
            }
        }
    }

    /// <summary>A copy of the objects held now.</summary>
    public KindObject[] Objects()
    {
        lock (_lock)
        {
            return [.. _objects.Values];
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(options.InitialBackoff, options.MaxBackoff);
        string? version = null;
        while (!stopping.IsCancellationRequested)
        {
            WatchRestartReason reason;
            try
            {
                if (version is null)
                {
                    var list = await source.ListAsync(ns, stopping).ConfigureAwait(false);
                    Replace(list.Items);
                    version = list.ResourceVersion;
                    _listed = true;
                    changed();
                }

                (version, reason) = await WatchAsync(version ?? "", backoff, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                reason = WatchRestartReason.Gone;
            }
            catch (Exception e)
            {
                // A failed list, a refused watch, a broken connection or an object the client cannot read: whatever
                // it is, an informer that stopped would freeze its kind forever, so it tries again after a backoff.
                reason = WatchRestartReason.Error;
                failed(source.Kind, e);
            }

            metrics.WatchRestarted(source.Kind, reason);
            if (reason == WatchRestartReason.Gone)
            {
                version = null;
            }

            if (reason != WatchRestartReason.Closed)
            {
                try
                {
                    await Task.Delay(backoff.Next(), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One watch stream until it ends; returns the version to go on from (null: list again) and why it ended.</summary>
    private async Task<(string? Version, WatchRestartReason Reason)> WatchAsync(string version, ReconnectBackoff backoff, CancellationToken stopping)
    {
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Exception? streamError = null;
        var events = source.WatchAsync(ns, version, e => streamError ??= e, stream.Token).GetAsyncEnumerator(stream.Token);
        Task<bool>? pending = null;
        try
        {
            while (true)
            {
                // The silence timer runs beside the read rather than through its token: a body read that ignores
                // cancellation must not keep a dead stream alive.
                pending = events.MoveNextAsync().AsTask();
                var finished = await Task.WhenAny(pending, Task.Delay(options.SilenceTimeout, stopping)).ConfigureAwait(false);
                stopping.ThrowIfCancellationRequested();
                if (finished != pending)
                {
                    return (version, WatchRestartReason.Silent);
                }

                var more = await pending.ConfigureAwait(false);
                pending = null;
                if (!more)
                {
                    return IsGone(streamError) ? (null, WatchRestartReason.Gone) : (version, WatchRestartReason.Closed);
                }

                var (type, obj) = events.Current;
                backoff.Reset();
                if (obj.ResourceVersion.Length > 0)
                {
                    version = obj.ResourceVersion;
                }

                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        Put(obj);
                        break;
                    case WatchEventType.Deleted:
                        Remove(obj);
                        break;
                    default:
                        break; // BOOKMARK: only the version moves
                }

                if (IsGone(streamError))
                {
                    return (null, WatchRestartReason.Gone);
                }
            }
        }
        finally
        {
            if (pending is null)
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                // A read is still pending (silence or stopping): cancel it and leave the enumerator to it, since an
                // async iterator cannot be disposed mid-read. Its outcome is observed so it cannot go unobserved.
                await stream.CancelAsync().ConfigureAwait(false);
                _ = pending.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private static bool IsGone(Exception? error) => error is KubernetesException { Status.Code: 410 };

    private void Replace(IReadOnlyList<KindObject> items)
    {
        var fresh = new Dictionary<(string, string), KindObject>(items.Count);
        foreach (var item in items)
        {
            fresh[(item.Namespace, item.Name)] = item;
        }

        lock (_lock)
        {
            _objects = fresh;
        }
    }

    private void Put(KindObject obj)
    {
        lock (_lock)
        {
            _objects[(obj.Namespace, obj.Name)] = obj;
        }

        changed();
    }

    private void Remove(KindObject obj)
    {
        lock (_lock)
        {
            _objects.Remove((obj.Namespace, obj.Name));
        }

        changed();
    }
}
