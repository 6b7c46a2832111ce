namespace EastWestIds.Host.Configuration;

/// <summary>Every setting of <c>ewids serve</c>, with its default. The README's settings table follows this list.</summary>
internal static class ServeSettings
{
    public static readonly Setting Config = new("config", "Optional YAML file of settings (names as below, without --).", null, "FILE");
    public static readonly Setting MirrorPort = new("mirror-port", "Port that receives mirrored traffic (HTTP/1.1 and h2c).", "8080", "PORT");
    public static readonly Setting MirrorAddress = new("mirror-address", "Address the mirror port listens on.", "0.0.0.0", "ADDRESS");
    public static readonly Setting GrpcPort = new("grpc-port", "Optional second mirror port, for mirror targets declared http2/grpc in the sink's Service (same handling as mirror-port).", null, "PORT");
    public static readonly Setting AdminPort = new("admin-port", "Port of /healthz, /readyz and /metrics.", "9090", "PORT");
    public static readonly Setting AdminAddress = new("admin-address", "Address the admin port listens on; beyond loopback the admin API needs --admin-token-file or EWIDS_ADMIN_TOKEN (the deployment sets 0.0.0.0 and a token).", "127.0.0.1", "ADDRESS");
    public static readonly Setting Eve = new("eve", "Where EVE JSON lines go: a file path, or - for stdout.", "-", "FILE");
    public static readonly Setting EveHttp = new("eve-http", "Also write an event_type \"http\" record for every analysed request.", "false", IsFlag: true);
    public static readonly Setting TrustDomain = new("trust-domain", "Trust domain whose workloads may call (repeat or comma-separate).", "cluster.local", "DOMAIN", IsList: true);
    public static readonly Setting SinkIdentity = new("sink-identity", "The sink's own SPIFFE ID; XFCC By must equal it.", null, "SPIFFE-ID");
    public static readonly Setting SinkService = new("sink-service", "The sink's Service as name.namespace: a Host naming it is a direct call.", "ewids.ewids-system", "SERVICE.NAMESPACE");
    public static readonly Setting ClusterDomain = new("cluster-domain", "The cluster's DNS domain.", "cluster.local", "DOMAIN");
    public static readonly Setting MaxRequestLine = new("max-request-line", "Longest request line (431 beyond).", "64KiB", "SIZE");
    public static readonly Setting MaxHeaderBytes = new("max-header-bytes", "Largest header block (431 beyond).", "64KiB", "SIZE");
    public static readonly Setting MaxHeaders = new("max-headers", "Most header fields (431 beyond).", "100", "COUNT");
    public static readonly Setting MaxBodyInspect = new("max-body-inspect", "Body bytes inspected per request; the rest is drained and counted.", "64KiB", "SIZE");
    public static readonly Setting MaxBodyInspectTail = new("max-body-inspect-tail", "Last body bytes also inspected when a body is longer than max-body-inspect; the middle is drained and counted.", "16KiB", "SIZE");
    public static readonly Setting HeaderTimeout = new("header-timeout", "Time allowed for a whole request head to arrive.", "30s", "DURATION");
    public static readonly Setting IdleTimeout = new("idle-timeout", "Time a connection may sit idle between requests, or with a body stalled.", "120s", "DURATION");
    public static readonly Setting AnalysisQueue = new("analysis-queue", "Requests that may wait for analysis before new ones are shed (and counted).", "8192", "COUNT");
    public static readonly Setting AnalysisQueueMemory = new("analysis-queue-memory", "Bytes that requests waiting for analysis may hold before new ones are shed (and counted).", "64MiB", "SIZE");
    public static readonly Setting AnalysisWorkers = new("analysis-workers", "Threads analysing requests.", "1", "COUNT");
    public static readonly Setting InlineScheduling = new("inline-scheduling", "Run the mirror port's parsing on the socket thread (no thread hop; safe because it never blocks).", "true", IsFlag: true);
    public static readonly Setting Rules = new("rules", "Signature rule file or directory (repeat or comma-separate); reloaded on SIGHUP and on change. [default: the signatures/ directory next to the binary]", null, "PATH", IsList: true);
    public static readonly Setting RulesWarmUp = new("rules-warm-up", "After start and each reload, build every pcre of the rules in the background, so that no verdict waits for one (the shipped rules then keep ~470 MiB); false: each builds when a request first needs it, and memory holds only those.", "true", IsFlag: true);
    public static readonly Setting PcreTimeout = new("pcre-timeout", "Match timeout of a pcre that needs the backtracking engine; a timeout counts as no match.", "10ms", "DURATION");
    public static readonly Setting Objects = new("objects", "Kubernetes YAML (file or directory, repeatable) whose AuthorizationPolicies judge each request; none: no policy stage.", null, "PATH", IsList: true);
    public static readonly Setting RootNamespace = new("root-namespace", "Istio's root namespace: its AuthorizationPolicies apply mesh-wide.", "istio-system", "NAMESPACE");
    public static readonly Setting LogLevel = new("log-level", "Trace, Debug, Information, Warning, Error or Critical.", "Information", "LEVEL");

    // Alert store and admin API (issue 6).
    public static readonly Setting Store = new("store", "Alert store: sqlite (the file ewids.db under --data-dir), sqlite:PATH, postgres://user:pass@host:port/db (or a Host=… connection string), or none (EVE output only).", "sqlite", "STORE");
    public static readonly Setting DataDir = new("data-dir", "Directory of the embedded SQLite alert store.", "./ewids-data", "DIR");
    public static readonly Setting NoRedact = new("no-redact", "Store secrets seen in traffic (Authorization, Cookie, tokens) as they were instead of redacting them.", "false", IsFlag: true);
    public static readonly Setting RetentionDays = new("retention-days", "Stored alerts, edges and baseline entries older than this many days are deleted (0: no age limit).", "30", "DAYS");
    public static readonly Setting RetentionMaxAlerts = new("retention-max-alerts", "At most this many alerts are kept, newest first (0: no count limit).", "1000000", "COUNT");
    public static readonly Setting AdminTokenFile = new("admin-token-file", "File holding the bearer token of the admin API (or set EWIDS_ADMIN_TOKEN); required when the admin address is not loopback.", null, "FILE");
    public static readonly Setting ProtectMetrics = new("protect-metrics", "Require the admin token for /metrics too (/healthz and /readyz stay open).", "false", IsFlag: true);

    public static IReadOnlyList<Setting> All { get; } =
    [
        Config, MirrorPort, MirrorAddress, GrpcPort, AdminPort, AdminAddress, Eve, EveHttp, TrustDomain, SinkIdentity, SinkService,
        ClusterDomain, MaxRequestLine, MaxHeaderBytes, MaxHeaders, MaxBodyInspect, MaxBodyInspectTail, HeaderTimeout, IdleTimeout,
        AnalysisQueue, AnalysisQueueMemory, AnalysisWorkers, InlineScheduling, Rules, RulesWarmUp, PcreTimeout, Objects, RootNamespace, LogLevel,
        Store, DataDir, NoRedact, RetentionDays, RetentionMaxAlerts, AdminTokenFile, ProtectMetrics,
        BaselineSettings.Learn, BaselineSettings.LearnFor, BaselineSettings.BaselineMaxEdges,

        // --kubernetes, --kubeconfig, --context, --namespace: the live inventory (issue 5)
        .. global::EastWestIds.Host.Kubernetes.KubernetesSettings.All,
    ];
}
