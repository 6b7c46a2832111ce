namespace EastWestIds.Host.Api;

/// <summary>
/// Who may call the admin API. With a <see cref="Token"/>, <c>/api/</c> (and <c>/metrics</c> when
/// <see cref="ProtectMetrics"/>) need <c>Authorization: Bearer TOKEN</c>; <c>/healthz</c> and <c>/readyz</c> stay open
/// for kubelet probes. Without a token the admin port must listen on loopback only (checked at start).
/// </summary>
internal sealed record AdminAuthOptions
{
    /// <summary>The bearer token (from <c>--admin-token-file</c> or <c>EWIDS_ADMIN_TOKEN</c>), or null for none.</summary>
    public string? Token { get; init; }

    /// <summary>Require the token for <c>/metrics</c> too.</summary>
    public bool ProtectMetrics { get; init; }

    /// <summary>The environment variable that may hold the token.</summary>
    public const string TokenEnvironmentVariable = "EWIDS_ADMIN_TOKEN";

    /// <summary>The header an API client may set to name the analyst recorded in the audit trail.</summary>
    public const string ActorHeader = "X-Ewids-Actor";

    /// <summary>The actor recorded when the caller names none.</summary>
    public const string DefaultActor = "admin";
}
