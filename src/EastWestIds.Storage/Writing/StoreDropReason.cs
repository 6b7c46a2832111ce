namespace EastWestIds.Storage.Writing;

/// <summary>Why an item never reached the store. A closed set: the <c>reason</c> label of the drop metric.</summary>
public enum StoreDropReason : byte
{
    /// <summary>The queue was at its count or byte bound while the store was writing normally (too slow for the load).</summary>
    QueueFull,

    /// <summary>The queue was at its bound because the store is unavailable (writes failing, retried with backoff).</summary>
    StoreDown,

    /// <summary>The database refused the row itself (a constraint or value error); the rest of its batch was written.</summary>
    Rejected,

    /// <summary>The writer was stopping or stopped: not accepted, or still queued when the drain time ran out.</summary>
    Stopped,
}
