using EastWestIds.Storage.Model;

namespace EastWestIds.Storage;

/// <summary>
/// Alert, flow-edge, baseline, triage and suppression persistence, the same for every backend (SQLite file,
/// PostgreSQL shared by replicas). It knows nothing about how alerts were found. Writes from the request path do
/// not come here directly: they go through <see cref="Writing.AlertStoreWriter"/>, which batches them off the path.
/// All methods are thread-safe. Query methods throw <see cref="StoreUnavailableException"/> when the database cannot
/// be reached, and <see cref="ArgumentException"/> for bad arguments (a malformed cursor, a page size out of range).
/// </summary>
public interface IAlertStore : IAsyncDisposable
{
    /// <summary>A short name for logs and metrics: <c>sqlite</c> or <c>postgres</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Opens the database and applies pending migrations. Idempotent; safe when several replicas start at once.
    /// Must succeed once before other calls; the writer calls it again until it does.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The schema version the database is at (0 before <see cref="InitializeAsync"/>).</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes one batch in one transaction: alerts (ids assigned here; also counted on their edge), edge and
    /// baseline deltas (added to what is stored) and suppression hit counts. All or nothing.
    /// </summary>
    Task WriteBatchAsync(StoreBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Alerts matching <paramref name="filter"/>, newest first, at most <paramref name="limit"/> (1–1000), after <paramref name="cursor"/>.</summary>
    Task<AlertPage> ListAlertsAsync(AlertFilter filter, int limit, string? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>How many alerts match (for the UI's counters; bounded by retention).</summary>
    Task<long> CountAlertsAsync(AlertFilter filter, CancellationToken cancellationToken = default);

    /// <summary>One alert with all its evidence, or null.</summary>
    Task<AlertRecord?> GetAlertAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Sets an alert's triage and appends the change to the audit trail, atomically. Null when the alert does not exist.</summary>
    Task<AlertRecord?> SetTriageAsync(long alertId, TriageChange change, CancellationToken cancellationToken = default);

    /// <summary>Audit entries, newest first: of one alert, or of all when <paramref name="alertId"/> is null; <paramref name="beforeId"/> pages.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long? alertId, int limit, long? beforeId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a suppression (or returns the existing one for the same sid/caller/callee) and audits it. The callee may be
    /// any spelling of the host; it is stored as its <see cref="Model.CalleeKey"/> (<c>ratings.bookinfo</c>).
    /// </summary>
    Task<Suppression> CreateSuppressionAsync(SuppressionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates the suppression of an alert's sid for its caller → callee; null when the alert does not exist.</summary>
    Task<Suppression?> CreateSuppressionFromAlertAsync(long alertId, string actor, string? comment = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a suppression; false when it did not exist. Audited.</summary>
    Task<bool> DeleteSuppressionAsync(long id, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a match of <paramref name="sid"/> from caller to callee is suppressed; the callee is the host as the caller
    /// used it (without <c>-shadow</c> and port) and matches a suppression of any other spelling of the same Service
    /// (<see cref="Model.CalleeKey"/>). Answered from memory without
    /// allocating (the hot path asks it); a true answer counts a hit, flushed to the database by the writer.
    /// Suppressions made by other replicas appear after the next <see cref="RefreshSuppressionsAsync"/>.
    /// </summary>
    bool IsSuppressed(int sid, ReadOnlySpan<byte> callerUtf8, ReadOnlySpan<byte> calleeUtf8);

    /// <inheritdoc cref="IsSuppressed(int, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    bool IsSuppressed(int sid, string caller, string callee);

    /// <summary>Reloads the suppression cache from the database (the writer does it periodically).</summary>
    Task RefreshSuppressionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes the hits counted since the last call, per suppression id (the writer stores them).</summary>
    IReadOnlyList<SuppressionHits> TakeSuppressionHits();

    /// <summary>The service graph (callees as <see cref="Model.CalleeKey"/>s): edges last seen at or after <paramref name="since"/> (all when null), busiest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<FlowEdge>> ListEdgesAsync(DateTimeOffset? since = null, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>Learned call shapes, optionally of one caller and/or callee, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BaselineEntry>> ListBaselineAsync(string? caller = null, string? callee = null, int limit = 10000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every alert matching the filter, newest first, streamed from one query (memory stays flat whatever the count).
    /// Feed it to <see cref="Export.AlertExport"/> for EVE lines or CSV.
    /// </summary>
    IAsyncEnumerable<AlertRecord> ExportAsync(AlertFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// One retention pass: deletes alerts older than the age limit and beyond the count limit (oldest first), edges and
    /// baseline entries not seen within the age limit, at most <see cref="RetentionOptions.BatchSize"/> rows per statement.
    /// </summary>
    Task<RetentionResult> RunRetentionAsync(RetentionOptions options, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
