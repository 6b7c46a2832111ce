using Microsoft.Extensions.Logging;

namespace EastWestIds.Storage.Writing;

public sealed partial class AlertStoreWriter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 400, EventName = "StoreUnavailable", Level = LogLevel.Warning,
            Message = "The {Kind} alert store is unavailable; alerts queue up to the bound and are then dropped (counted) until it returns")]
        public static partial void StoreUnavailable(ILogger logger, string kind, Exception exception);

        [LoggerMessage(EventId = 401, EventName = "StoreRecovered", Level = LogLevel.Information, Message = "The {Kind} alert store is available again; draining the queue")]
        public static partial void StoreRecovered(ILogger logger, string kind);

        [LoggerMessage(EventId = 402, EventName = "RowRejected", Level = LogLevel.Warning, Message = "An item was refused and dropped: {Reason}")]
        public static partial void RowRejected(ILogger logger, string reason);

        [LoggerMessage(EventId = 403, EventName = "MaintenanceFailed", Level = LogLevel.Warning, Message = "Alert store maintenance ({Kind}) failed; retried next round")]
        public static partial void MaintenanceFailed(ILogger logger, string kind, Exception exception);

        [LoggerMessage(EventId = 404, EventName = "RetentionDeleted", Level = LogLevel.Information,
            Message = "Retention deleted {ByAge} alerts by age, {ByCount} by count, {Edges} edges, {Baseline} baseline entries")]
        public static partial void RetentionDeleted(ILogger logger, long byAge, long byCount, long edges, long baseline);

        [LoggerMessage(EventId = 405, EventName = "DrainIncomplete", Level = LogLevel.Warning, Message = "The alert store writer stopped with {Count} items not written")]
        public static partial void DrainIncomplete(ILogger logger, long count);
    }
}
