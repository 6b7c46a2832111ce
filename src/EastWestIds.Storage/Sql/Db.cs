using System.Data.Common;

namespace EastWestIds.Storage.Sql;

/// <summary>Small ADO.NET helpers shared by both stores (named <c>@p</c> parameters work in both providers).</summary>
internal static class Db
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        // A null stays untyped: PostgreSQL then takes the type of the column it is written to or compared with.
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Sets an existing parameter's value (prepared commands reused across a batch).</summary>
    public static void Set(this DbCommand command, string name, object? value)
        => command.Parameters[name].Value = value ?? DBNull.Value;

    public static long Int64(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static long? NullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Int64(ordinal);

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
