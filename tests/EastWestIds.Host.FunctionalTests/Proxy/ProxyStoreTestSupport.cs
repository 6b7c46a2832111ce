using System.Text.Json;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>A JSON answer of the proxy's admin API, asserted successful (the status and body are in the message).</summary>
internal static class AdminJson
{
    public static async Task<JsonElement> GetAsync(HttpClient admin, string path)
    {
        using var response = await admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>A temporary directory for a test's alert store, deleted with it once SQLite has let go of its files.</summary>
internal sealed class StoreDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A straggling handle on a busy machine; the OS cleans its temp directory.
        }
    }
}
