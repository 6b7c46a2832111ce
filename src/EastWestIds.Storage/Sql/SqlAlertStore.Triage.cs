using System.Data.Common;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    /// <summary>Longest comment or actor name kept; longer is cut (API input, not evidence).</summary>
    public const int MaxCommentLength = 4000;

    /// <inheritdoc/>
    public Task<AlertRecord?> SetTriageAsync(long alertId, TriageChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ValidateActor(change.Actor);
        if (!Enum.IsDefined(change.State))
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.State, "Unknown triage state.");
        }

        return QueryAsync(async connection =>
        {
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                string? from;
                await using (var read = connection.Command($"SELECT triage_state FROM alerts WHERE id = @id{_dialect.ForUpdate}", transaction).With("@id", alertId))
                {
                    from = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                }

                if (from is null)
                {
                    return null;
                }

                var now = StoreTime.ToMicros(Time.GetUtcNow());
                var comment = Limit(change.Comment);
                var actor = Limit(change.Actor)!;
                await using (var update = connection.Command(
                        "UPDATE alerts SET triage_state = @state, triage_comment = @comment, triage_actor = @actor, triage_at = @at WHERE id = @id", transaction)
                    .With("@state", change.State.Label()).With("@comment", comment).With("@actor", actor).With("@at", now).With("@id", alertId))
                {
                    await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await AppendAuditAsync(connection, transaction, alertId, null, now, actor, "triage", from, change.State.Label(), comment, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var get = connection.Command($"SELECT {AlertColumns.Select} FROM alerts WHERE id = @id").With("@id", alertId);
            await using var reader = await get.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AlertColumns.Read(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(long? alertId, int limit, long? beforeId = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The page size must be between 1 and {MaxPageSize}.");
        }

        return QueryAsync<IReadOnlyList<AuditEntry>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            var where = new List<string>(2);
            if (alertId is { } alert)
            {
                where.Add("alert_id = @alert");
                command.With("@alert", alert);
            }

            if (beforeId is { } before)
            {
                where.Add("id < @before");
                command.With("@before", before);
            }

            command.CommandText = "SELECT id, alert_id, suppression_id, at, actor, action, from_state, to_state, comment FROM audit"
                + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where))
                + $" ORDER BY id DESC LIMIT {limit}";
            var entries = new List<AuditEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new AuditEntry(
                    reader.Int64(0),
                    reader.NullableInt64(1),
                    reader.NullableInt64(2),
                    StoreTime.FromMicros(reader.Int64(3)),
                    reader.GetString(4),
                    reader.GetString(5),
                    State(reader.NullableString(6)),
                    State(reader.NullableString(7)),
                    reader.NullableString(8)));
            }

            return entries;
        }, cancellationToken);

        static TriageState? State(string? text) => ModelText.TryParseTriageState(text, out var state) ? state : null;
    }

    private static async Task AppendAuditAsync(
        DbConnection connection,
        DbTransaction transaction,
        long? alertId,
        long? suppressionId,
        long at,
        string actor,
        string action,
        string? from,
        string? to,
        string? comment,
        CancellationToken cancellationToken)
    {
        await using var insert = connection.Command(
                "INSERT INTO audit (alert_id, suppression_id, at, actor, action, from_state, to_state, comment) "
                + "VALUES (@alert, @suppression, @at, @actor, @action, @from, @to, @comment)", transaction)
            .With("@alert", alertId).With("@suppression", suppressionId).With("@at", at).With("@actor", actor)
            .With("@action", action).With("@from", from).With("@to", to).With("@comment", comment);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ArgumentException("Who makes the change must be named: the audit trail records it.", nameof(actor));
        }
    }

    private static string? Limit(string? text)
        => text is null ? null : StoredText.Clean(text.Length > MaxCommentLength ? text[..MaxCommentLength] : text);
}
