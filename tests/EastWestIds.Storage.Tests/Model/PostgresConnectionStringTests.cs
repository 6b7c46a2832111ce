using EastWestIds.Storage.Postgres;
using EastWestIds.Storage.Sqlite;
using Npgsql;

namespace EastWestIds.Storage.Tests.Model;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Parse_Url_EveryPart()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("postgres://ewids:p%40ss%3Aw0rd@db.example:6543/alerts?sslmode=require&connect_timeout=3&Maximum%20Pool%20Size=7"));

        Assert.Equal(("db.example", 6543, "ewids", "p@ss:w0rd", "alerts"), (cs.Host, cs.Port, cs.Username, cs.Password, cs.Database));
        Assert.Equal((SslMode.Require, 3, 7), (cs.SslMode, cs.Timeout, cs.MaxPoolSize));
    }

    [Fact]
    public void Parse_PostgresqlSchemeNoPortNoPassword_Defaults()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("postgresql://ewids@db/alerts"));

        Assert.Equal(("db", 5432, "ewids", null, "alerts"), (cs.Host, cs.Port, cs.Username, cs.Password, cs.Database));
    }

    [Fact]
    public void Parse_KeyValue_PassedThrough()
    {
        var cs = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse("Host=h;Port=1;Username=u;Database=d"));

        Assert.Equal(("h", 1, "u", "d"), (cs.Host, cs.Port, cs.Username, cs.Database));
    }

    [Theory]
    [InlineData("postgres://")]
    [InlineData("postgres://u:p@h/d?sslmode=maybe")]
    [InlineData("postgres://u:p@h/d?connect_timeout=soon")]
    [InlineData("postgres://u:p@h/d?frobnicate=1")]
    [InlineData("Hots=h;Nonsense=1")]
    public void Parse_Bad_ArgumentExceptionWithoutThePassword(string text)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionString.Parse(text));

        Assert.DoesNotContain(":p@", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "sqlite")]
    [InlineData("", "sqlite")]
    [InlineData("sqlite", "sqlite")]
    [InlineData("sqlite:/tmp/x/other.db", "sqlite")]
    [InlineData("postgres://u:p@127.0.0.1:1/d", "postgres")]
    [InlineData("Host=127.0.0.1;Database=d", "postgres")]
    public async Task StoreSettings_Store_PicksTheBackend(string? store, string kind)
    {
        await using var created = new StoreSettings { Store = store, DataDirectory = "/tmp/ewids-settings-test" }.CreateStore();

        Assert.Equal(kind, created.Kind);
    }

    [Fact]
    public async Task StoreSettings_Default_FileUnderDataDirectory()
    {
        await using var created = (SqliteAlertStore)new StoreSettings { DataDirectory = "/tmp/ewids-settings-test" }.CreateStore();

        Assert.Equal("/tmp/ewids-settings-test/ewids.db", created.DatabasePath);
    }

    [Theory]
    [InlineData("mysql://x")]
    [InlineData("sqlite:")]
    public void StoreSettings_Unknown_ArgumentException(string store)
    {
        Assert.ThrowsAny<ArgumentException>(() => new StoreSettings { Store = store }.CreateStore());
    }
}
