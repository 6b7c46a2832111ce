using System.Net;
using EastWestIds.Host.Api;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;
using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>Binds the alert store and admin API settings (<c>--store</c>, <c>--data-dir</c>, retention, token).</summary>
internal static class StoreOptionsBinder
{
    public static StoreHostOptions? Store(SettingsReader settings)
    {
        var store = settings.String(S.Store)?.Trim();
        if (string.Equals(store, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var storeSettings = new StoreSettings { Store = store, DataDirectory = settings.String(S.DataDir) ?? StoreSettings.DefaultDataDirectory };
        try
        {
            // Only checks the form: constructing a store opens nothing.
            storeSettings.CreateStore().DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            settings.AddError($"{S.Store.DisplayName}: {ex.Message.Split(" (Parameter", 2)[0]}");
        }

        var days = settings.Count(S.RetentionDays, 0, 36_500);
        var maxAlerts = settings.Count(S.RetentionMaxAlerts, 0, int.MaxValue);
        return new StoreHostOptions
        {
            Settings = storeSettings,
            Redact = !settings.Flag(S.NoRedact),
            RetentionMaxAge = days == 0 ? null : TimeSpan.FromDays(days),
            RetentionMaxAlerts = maxAlerts == 0 ? null : maxAlerts,
        };
    }

    public static AdminAuthOptions AdminAuth(SettingsReader settings, IPAddress adminAddress)
    {
        string? token = null;
        if (settings.String(S.AdminTokenFile) is { } path)
        {
            try
            {
                token = File.ReadAllText(path).Trim();
                if (token.Length == 0)
                {
                    settings.AddError($"{S.AdminTokenFile.DisplayName}: '{path}' is empty");
                    token = null;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                settings.AddError($"{S.AdminTokenFile.DisplayName}: cannot read '{path}': {ex.Message}");
            }
        }
        else if (settings.EnvironmentValue(AdminAuthOptions.TokenEnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            token = fromEnvironment.Trim();
        }

        if (token is null && !IPAddress.IsLoopback(adminAddress) && !HasFileErrors(settings))
        {
            settings.AddError(
                $"{S.AdminAddress.DisplayName} is {adminAddress}, beyond loopback: the admin API needs a bearer token there. "
                + $"Give {S.AdminTokenFile.DisplayName} or {AdminAuthOptions.TokenEnvironmentVariable}, or listen on 127.0.0.1");
        }

        return new AdminAuthOptions { Token = token, ProtectMetrics = settings.Flag(S.ProtectMetrics) };
    }

    private static bool HasFileErrors(SettingsReader settings)
        => settings.Errors.Any(e => e.StartsWith(S.AdminTokenFile.DisplayName, StringComparison.Ordinal));
}
