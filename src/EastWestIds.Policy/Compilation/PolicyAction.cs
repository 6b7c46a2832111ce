namespace EastWestIds.Policy.Compilation;

/// <summary>An AuthorizationPolicy action.</summary>
public enum PolicyAction
{
    /// <summary>ALLOW (the default).</summary>
    Allow,

    /// <summary>DENY.</summary>
    Deny,

    /// <summary>AUDIT: marks matching requests for an audit plugin, never decides.</summary>
    Audit,

    /// <summary>CUSTOM: an external authorizer (ext-authz) decides matching requests.</summary>
    Custom,
}
