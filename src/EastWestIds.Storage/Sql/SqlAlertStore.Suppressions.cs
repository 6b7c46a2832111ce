using System.Data.Common;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    private const string SuppressionColumns = "id, sid, caller, callee, created_at, created_by, comment, from_alert_id, hits, last_hit";

    /// <inheritdoc/>
    public bool IsSuppressed(int sid, ReadOnlySpan<byte> callerUtf8, ReadOnlySpan<byte> calleeUtf8) => _suppressions.IsSuppressed(sid, callerUtf8, calleeUtf8);

    /// <inheritdoc/>
    public bool IsSuppressed(int sid, string caller, string callee) => _suppressions.IsSuppressed(sid, caller, callee);

    /// <inheritdoc/>
    public IReadOnlyList<SuppressionHits> TakeSuppressionHits() => _suppressions.TakeHits();

    /// <summary>Puts back hits a failed write took, so they are counted later instead of lost.</summary>
    internal void ReturnSuppressionHits(IReadOnlyList<SuppressionHits> hits) => _suppressions.ReturnHits(hits);

    /// <inheritdoc/>
    public Task RefreshSuppressionsAsync(CancellationToken cancellationToken = default) => LoadSuppressionsAsync(cancellationToken);

    private async Task LoadSuppressionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await PublishSuppressionsAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishSuppressionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _suppressionLoad.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _suppressions.Replace(await ReadSuppressionsAsync(connection, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _suppressionLoad.Release();
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Suppression>> ListSuppressionsAsync(CancellationToken cancellationToken = default)
        => QueryAsync(connection => ReadSuppressionsAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public async Task<Suppression> CreateSuppressionAsync(SuppressionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Caller);
        ArgumentNullException.ThrowIfNull(request.Callee);
        ValidateActor(request.Actor);
        var created = await QueryAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var now = StoreTime.ToMicros(Time.GetUtcNow());
            var caller = StoredText.Clean(request.Caller);
            // Keyed by the Service, not the spelling: the same suppression whichever form of the host it was made from.
            var callee = StoredText.Clean(CalleeKey.Of(request.Caller, request.Callee));
            var actor = Limit(request.Actor)!;
            var comment = Limit(request.Comment);
            int inserted;
            await using (var insert = connection.Command(
                    "INSERT INTO suppressions (sid, caller, callee, created_at, created_by, comment, from_alert_id, hits, last_hit) "
                    + "VALUES (@sid, @caller, @callee, @at, @by, @comment, @alert, 0, NULL) ON CONFLICT (sid, caller, callee) DO NOTHING", transaction)
                .With("@sid", request.Sid).With("@caller", caller).With("@callee", callee).With("@at", now)
                .With("@by", actor).With("@comment", comment).With("@alert", request.FromAlertId))
            {
                inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            Suppression suppression;
            await using (var read = connection.Command($"SELECT {SuppressionColumns} FROM suppressions WHERE sid = @sid AND caller = @caller AND callee = @callee", transaction)
                .With("@sid", request.Sid).With("@caller", caller).With("@callee", callee))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                suppression = ReadSuppression(reader);
            }

            if (inserted == 1)
            {
                await AppendAuditAsync(connection, transaction, request.FromAlertId, suppression.Id, now, actor, "suppress", null, null, comment, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            await PublishSuppressionsAsync(connection, cancellationToken).ConfigureAwait(false);
            return suppression;
        }, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc/>
    public async Task<Suppression?> CreateSuppressionFromAlertAsync(long alertId, string actor, string? comment = null, CancellationToken cancellationToken = default)
    {
        var alert = await GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false);
        return alert is null
            ? null
            : await CreateSuppressionAsync(new SuppressionRequest(alert.Sid, alert.Caller.Principal, alert.Callee.Service, actor, comment, alert.Id), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteSuppressionAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        ValidateActor(actor);
        return QueryAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            int deleted;
            await using (var delete = connection.Command("DELETE FROM suppressions WHERE id = @id", transaction).With("@id", id))
            {
                deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (deleted == 0)
            {
                return false;
            }

            await AppendAuditAsync(connection, transaction, null, id, StoreTime.ToMicros(Time.GetUtcNow()), Limit(actor)!, "unsuppress", null, null, null, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            await PublishSuppressionsAsync(connection, cancellationToken).ConfigureAwait(false);
            _suppressions.Forget(id);
            return true;
        }, cancellationToken);
    }

    private static async Task<IReadOnlyList<Suppression>> ReadSuppressionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"SELECT {SuppressionColumns} FROM suppressions ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Suppression>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadSuppression(reader));
        }

        return list;
    }

    private static Suppression ReadSuppression(DbDataReader r) => new(
        r.Int64(0),
        (int)r.Int64(1),
        r.GetString(2),
        r.GetString(3),
        StoreTime.FromMicros(r.Int64(4)),
        r.GetString(5),
        r.NullableString(6),
        r.NullableInt64(7),
        r.Int64(8),
        r.NullableInt64(9) is { } last ? StoreTime.FromMicros(last) : null);
}
