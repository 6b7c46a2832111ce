using Microsoft.Extensions.Logging;

namespace EastWestIds.Storage.Writing;

/// <summary>Log event ids of the storage part, range 400–499 (the range Core's EventIds leaves free between Engine and Host).</summary>
public static class StorageEventIds
{
    public static readonly EventId StoreUnavailable = new(400, nameof(StoreUnavailable));
    public static readonly EventId StoreRecovered = new(401, nameof(StoreRecovered));
    public static readonly EventId RowRejected = new(402, nameof(RowRejected));
    public static readonly EventId MaintenanceFailed = new(403, nameof(MaintenanceFailed));
    public static readonly EventId RetentionDeleted = new(404, nameof(RetentionDeleted));
    public static readonly EventId DrainIncomplete = new(405, nameof(DrainIncomplete));
}
