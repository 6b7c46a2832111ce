using System.Data.Common;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    /// <summary>Runs <paramref name="body"/> on an open connection; database-away errors become <see cref="StoreUnavailableException"/>.</summary>
    private protected async Task<T> QueryAsync<T>(Func<DbConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await OpenInitializedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await body(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            OnUnavailable();
            throw new StoreUnavailableException($"The {Kind} store failed: {ex.Message}", ex);
        }
    }

    private protected bool IsUnavailable(Exception ex)
        => ex is not OperationCanceledException and not StoreUnavailableException
            && (ex is DbException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            && !IsDataError(ex);
}
