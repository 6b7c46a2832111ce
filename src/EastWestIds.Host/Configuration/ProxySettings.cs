using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>
/// Every setting of <c>ewids proxy</c>: its own, plus the ones it shares with <c>ewids serve</c> (the same
/// <see cref="Setting"/> objects, so a shared setting has one name, one default and one description everywhere).
/// </summary>
internal static class ProxySettings
{
    public static readonly Setting Listen = new("listen", "Port the proxy listens on (HTTP/1.1, HTTP/2 over TLS, h2c with --listen-protocols http2).", "8080", "PORT");
    public static readonly Setting ListenAddress = new("listen-address", "Address the proxy listens on.", "0.0.0.0", "ADDRESS");
    public static readonly Setting ListenProtocols = new("listen-protocols", "http1, http2 or both (both: HTTP/2 is negotiated with TLS ALPN; cleartext h2c needs http2).", "both", "PROTOCOLS");
    public static readonly Setting Upstream = new("upstream", "The service behind the proxy: http://host:port or https://host:port (or use --yarp-config).", null, "URL");
    public static readonly Setting UpstreamProtocol = new("upstream-protocol", "auto (YARP's default: HTTP/2 where TLS negotiates it, else HTTP/1.1), http1, or http2 (h2c with prior knowledge for http:// upstreams, e.g. gRPC).", "auto", "PROTOCOL");
    public static readonly Setting YarpConfig = new("yarp-config", "A JSON file with a YARP ReverseProxy section (Routes, Clusters) for several upstreams, instead of --upstream.", null, "FILE");
    public static readonly Setting Mode = new("mode", "monitor: forward everything, inspect alongside, alert. enforce: inspect the head and the first body bytes before forwarding, answer 403 to what is blocked.", "monitor", "MODE");
    public static readonly Setting BlockSeverity = new("block-severity", "In enforce mode, block requests with a finding at or above this severity: high, medium, low or info (or 1-4).", "high", "SEVERITY");
    public static readonly Setting BlockFamilies = new("block-families", "In enforce mode, also block any finding of these families whatever its severity (protocol, identity, access, policy, attack; none for no family). policy blocks dry-run would-deny verdicts and new baseline edges too; denied verdicts are high and block anyway.", "none", "FAMILY", IsList: true);
    public static readonly Setting BlockSids = new("block-sids", "In enforce mode, also block the findings with these sids whatever their severity (for example 9100054: a form, JSON, XML, text or multipart body longer than --max-body-inspect, whose rest would be forwarded uninspected).", null, "SID", IsList: true);
    public static readonly Setting OnEngineFailure = new("on-engine-failure", "When inspection fails (exception, timeout, overload) in enforce mode: open forwards the request, closed answers 503. Every failure is counted.", "open", "open|closed");
    public static readonly Setting InspectTimeout = new("inspect-timeout", "Longest time a request may wait for its verdict before the engine counts as failed.", "100ms", "DURATION");
    public static readonly Setting InspectConcurrency = new("inspect-concurrency", "Inspections that may run at once; past it the engine counts as overloaded.", "256", "COUNT");
    public static readonly Setting TlsCert = new("tls-cert", "PEM certificate (chain) to serve TLS with; with --tls-key.", null, "FILE");
    public static readonly Setting TlsKey = new("tls-key", "PEM private key of --tls-cert.", null, "FILE");
    public static readonly Setting ClientCa = new("client-ca", "PEM CA certificate(s): require a client certificate issued by them (mTLS) and take the caller's SPIFFE ID from its URI SAN.", null, "FILE");
    public static readonly Setting TrustXfcc = new("trust-xfcc", "With --client-ca, keep a received x-forwarded-client-cert and append the proxy's own element (only when a trusted proxy sits in front); otherwise it is removed.", "false", IsFlag: true);

    public static IReadOnlyList<Setting> All { get; } =
    [
        S.Config, Listen, ListenAddress, ListenProtocols, Upstream, UpstreamProtocol, YarpConfig, Mode, BlockSeverity, BlockFamilies,
        BlockSids, OnEngineFailure, InspectTimeout, InspectConcurrency, TlsCert, TlsKey, ClientCa, TrustXfcc,
        S.AdminPort, S.AdminAddress, S.Eve, S.EveHttp, S.TrustDomain, S.SinkIdentity, S.SinkService, S.ClusterDomain,
        S.MaxRequestLine, S.MaxHeaderBytes, S.MaxHeaders, S.MaxBodyInspect, S.MaxBodyInspectTail, S.HeaderTimeout, S.IdleTimeout, S.Rules, S.RulesWarmUp, S.PcreTimeout, S.Objects, S.RootNamespace, S.LogLevel,

        // --kubernetes, --kubeconfig, --context, --namespace: the live inventory (issue 5)
        .. global::EastWestIds.Host.Kubernetes.KubernetesSettings.All,

        // The alert store, the admin API and the learned baseline: the same settings as ewids serve's.
        S.Store, S.DataDir, S.NoRedact, S.RetentionDays, S.RetentionMaxAlerts, S.AdminTokenFile, S.ProtectMetrics,
        BaselineSettings.Learn, BaselineSettings.LearnFor, BaselineSettings.BaselineMaxEdges,
    ];
}
