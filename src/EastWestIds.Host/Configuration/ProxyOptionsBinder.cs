using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Host.Proxy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using P = EastWestIds.Host.Configuration.ProxySettings;
using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>Turns resolved settings into <see cref="ProxyOptions"/>, checking each and how they fit together.</summary>
internal static class ProxyOptionsBinder
{
    public static ProxyOptions Bind(SettingsReader settings)
    {
        var upstreamText = settings.String(P.Upstream);
        var yarpConfig = settings.String(P.YarpConfig);
        Uri? upstream = null;
        if (upstreamText is not null && yarpConfig is not null)
        {
            settings.AddError($"{P.Upstream.DisplayName} and {P.YarpConfig.DisplayName} are both set: give one");
        }
        else if (upstreamText is null && yarpConfig is null)
        {
            settings.AddError($"{P.Upstream.DisplayName} or {P.YarpConfig.DisplayName} is needed: where should requests go?");
        }
        else if (upstreamText is not null)
        {
            if (!Uri.TryCreate(upstreamText, UriKind.Absolute, out upstream)
                || (upstream.Scheme != Uri.UriSchemeHttp && upstream.Scheme != Uri.UriSchemeHttps)
                || upstream.Query.Length > 0 || upstream.Fragment.Length > 0 || upstream.UserInfo.Length > 0)
            {
                settings.AddError($"{P.Upstream.DisplayName}: '{upstreamText}' is not an http:// or https:// URL (scheme, host, port, optional path prefix)");
                upstream = null;
            }
        }
        else if (!File.Exists(yarpConfig))
        {
            settings.AddError($"{P.YarpConfig.DisplayName}: file '{yarpConfig}' not found");
        }

        var mode = Choice(settings, P.Mode, ProxyMode.Monitor, ("monitor", ProxyMode.Monitor), ("enforce", ProxyMode.Enforce));
        var options = new ProxyOptions
        {
            ListenAddress = settings.Address(P.ListenAddress),
            ListenPort = settings.Port(P.Listen),
            ListenProtocols = Choice(settings, P.ListenProtocols, HttpProtocols.Http1AndHttp2,
                ("http1", HttpProtocols.Http1), ("http2", HttpProtocols.Http2), ("both", HttpProtocols.Http1AndHttp2)),
            Upstream = upstream,
            UpstreamVersion = Choice(settings, P.UpstreamProtocol, (Version?)null,
                ("auto", null), ("http1", System.Net.HttpVersion.Version11), ("http2", System.Net.HttpVersion.Version20)),
            YarpConfigPath = yarpConfig,
            Mode = mode,
            BlockRule = new BlockRule(
                Choice(settings, P.BlockSeverity, Severity.High,
                    ("high", Severity.High), ("1", Severity.High), ("medium", Severity.Medium), ("2", Severity.Medium),
                    ("low", Severity.Low), ("3", Severity.Low), ("info", Severity.Info), ("4", Severity.Info)),
                Families(settings),
                Sids(settings)),
            OnEngineFailure = Choice(settings, P.OnEngineFailure, EngineFailureMode.Open, ("open", EngineFailureMode.Open), ("closed", EngineFailureMode.Closed)),
            InspectTimeout = settings.Duration(P.InspectTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60)),
            InspectConcurrency = settings.Count(P.InspectConcurrency, 1, 100_000),
            TrustXfcc = settings.Flag(P.TrustXfcc),
            AdminAddress = settings.Address(S.AdminAddress),
            AdminPort = settings.Port(S.AdminPort),
            EvePath = settings.String(S.Eve) ?? "-",
            Limits = CommonOptionsBinder.Limits(settings),
            // Enforce mode keeps no tail: its verdict is due before the body ends. Monitor mode judges after the forward.
            Inspection = CommonOptionsBinder.Inspection(settings) with
            {
                MaxInspectedBodyTailBytes = mode == ProxyMode.Enforce ? 0 : settings.Size(S.MaxBodyInspectTail, 0, 64 * 1024 * 1024),
            },
            HeaderTimeout = settings.Duration(S.HeaderTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            IdleTimeout = settings.Duration(S.IdleTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
            LogLevel = CommonOptionsBinder.LogLevel(settings),
            Rules = CommonOptionsBinder.Rules(settings),
            Kubernetes = global::EastWestIds.Host.Kubernetes.KubernetesOptionsBinder.Bind(settings),
            Store = StoreOptionsBinder.Store(settings),
            Baseline = BaselineOptionsBinder.Bind(settings),
        };
        options = options with { AdminAuth = StoreOptionsBinder.AdminAuth(settings, options.AdminAddress) };

        options = options with { ServerCertificate = ServerCertificate(settings), ClientCa = ClientCa(settings) };
        if (options.ClientCa is not null && options.ServerCertificate is null)
        {
            settings.AddError($"{P.ClientCa.DisplayName} needs {P.TlsCert.DisplayName} and {P.TlsKey.DisplayName}: mTLS is TLS first");
        }

        if (options.TrustXfcc && options.ClientCa is null)
        {
            settings.AddError($"{P.TrustXfcc.DisplayName} only means something with {P.ClientCa.DisplayName} (without it a received XFCC is always what the proxy reads)");
        }

        if (options.ListenPort != 0 && options.ListenPort == options.AdminPort)
        {
            settings.AddError($"{P.Listen.DisplayName} and {S.AdminPort.DisplayName} are both {options.ListenPort}: they must differ");
        }

        return options;
    }

    private static IReadOnlySet<FindingFamily> Families(SettingsReader settings)
    {
        var families = new HashSet<FindingFamily>();
        foreach (var name in settings.List(P.BlockFamilies))
        {
            if (name.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = Enum.GetValues<FindingFamily>().Where(f => f.Label().Equals(name, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (match.Length == 0)
            {
                settings.AddError($"{P.BlockFamilies.DisplayName}: unknown family '{name}': expected protocol, identity, access, policy, attack or none");
                continue;
            }

            families.Add(match[0]);
        }

        return families;
    }

    private static IReadOnlySet<int> Sids(SettingsReader settings)
    {
        var sids = new HashSet<int>();
        foreach (var text in settings.List(P.BlockSids))
        {
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sid) && sid > 0)
            {
                sids.Add(sid);
            }
            else
            {
                settings.AddError($"{P.BlockSids.DisplayName}: '{text}' is not a sid (a positive whole number)");
            }
        }

        return sids;
    }

    private static X509Certificate2? ServerCertificate(SettingsReader settings)
    {
        var certPath = settings.String(P.TlsCert);
        var keyPath = settings.String(P.TlsKey);
        if (certPath is null && keyPath is null)
        {
            return null;
        }

        if (certPath is null || keyPath is null)
        {
            settings.AddError($"{P.TlsCert.DisplayName} and {P.TlsKey.DisplayName} go together: give both");
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            settings.AddError($"{P.TlsCert.DisplayName}/{P.TlsKey.DisplayName}: cannot load '{certPath}' with key '{keyPath}': {ex.Message}");
            return null;
        }
    }

    private static X509Certificate2Collection? ClientCa(SettingsReader settings)
    {
        var path = settings.String(P.ClientCa);
        if (path is null)
        {
            return null;
        }

        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(path);
            if (collection.Count == 0)
            {
                settings.AddError($"{P.ClientCa.DisplayName}: '{path}' holds no PEM certificate");
                return null;
            }

            return collection;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            settings.AddError($"{P.ClientCa.DisplayName}: cannot load '{path}': {ex.Message}");
            return null;
        }
    }

    private static T Choice<T>(SettingsReader settings, Setting setting, T fallback, params (string Name, T Value)[] choices)
    {
        var value = settings.String(setting);
        foreach (var (name, choice) in choices)
        {
            if (string.Equals(value, name, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        settings.AddError($"{setting.DisplayName}: invalid value '{value}': expected {string.Join(", ", choices.Select(c => c.Name))}");
        return fallback;
    }
}
