using Npgsql;

namespace EastWestIds.Storage.Postgres;

/// <summary>
/// Reads <c>--store</c> for PostgreSQL: a libpq-style URL (<c>postgres://user:pass@host:port/db?sslmode=require</c>,
/// user and password percent-encoded) or an Npgsql <c>key=value;…</c> connection string, and gives an Npgsql
/// connection string. Bad input gets an <see cref="ArgumentException"/> that names the problem, never the password.
/// </summary>
public static class PostgresConnectionString
{
    public static bool IsUrl(string text)
        => text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static string Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!IsUrl(text))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(text).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Not a PostgreSQL connection string or postgres:// URL: {ex.Message}", nameof(text), ex);
            }
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The postgres:// URL is malformed: expected postgres://user:password@host:port/database.", nameof(text));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host.Trim('[', ']') };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = value switch
                    {
                        "disable" => SslMode.Disable,
                        "allow" => SslMode.Allow,
                        "prefer" => SslMode.Prefer,
                        "require" => SslMode.Require,
                        "verify-ca" => SslMode.VerifyCA,
                        "verify-full" => SslMode.VerifyFull,
                        _ => throw new ArgumentException($"Unknown sslmode '{value}' in the postgres:// URL.", nameof(text)),
                    };
                    break;
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, out var seconds) && seconds >= 0
                        ? seconds
                        : throw new ArgumentException($"connect_timeout must be a number of seconds, not '{value}'.", nameof(text));
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    // Anything else is passed as an Npgsql keyword (Pooling, Maximum Pool Size, …); unknown ones are refused by name.
                    try
                    {
                        builder[key] = value;
                    }
                    catch (ArgumentException)
                    {
                        throw new ArgumentException($"Unknown parameter '{key}' in the postgres:// URL.", nameof(text));
                    }

                    break;
            }
        }

        return builder.ConnectionString;
    }
}
