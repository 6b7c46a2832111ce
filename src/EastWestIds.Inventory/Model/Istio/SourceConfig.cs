using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>A rule's <c>source</c>: who is calling. Absent lists are empty.</summary>
public sealed record SourceConfig
{
    /// <summary><c>principals</c> (SPIFFE IDs without <c>spiffe://</c>).</summary>
    public ImmutableArray<string> Principals { get; init; } = [];

    /// <summary><c>notPrincipals</c>.</summary>
    public ImmutableArray<string> NotPrincipals { get; init; } = [];

    /// <summary><c>requestPrincipals</c> (JWT <c>iss/sub</c>).</summary>
    public ImmutableArray<string> RequestPrincipals { get; init; } = [];

    /// <summary><c>notRequestPrincipals</c>.</summary>
    public ImmutableArray<string> NotRequestPrincipals { get; init; } = [];

    /// <summary><c>namespaces</c>.</summary>
    public ImmutableArray<string> Namespaces { get; init; } = [];

    /// <summary><c>notNamespaces</c>.</summary>
    public ImmutableArray<string> NotNamespaces { get; init; } = [];

    /// <summary><c>serviceAccounts</c> (<c>ns/sa</c> or <c>sa</c>).</summary>
    public ImmutableArray<string> ServiceAccounts { get; init; } = [];

    /// <summary><c>notServiceAccounts</c>.</summary>
    public ImmutableArray<string> NotServiceAccounts { get; init; } = [];

    /// <summary><c>trustDomains</c>.</summary>
    public ImmutableArray<string> TrustDomains { get; init; } = [];

    /// <summary><c>notTrustDomains</c>.</summary>
    public ImmutableArray<string> NotTrustDomains { get; init; } = [];

    /// <summary><c>ipBlocks</c> (the TCP peer).</summary>
    public ImmutableArray<string> IpBlocks { get; init; } = [];

    /// <summary><c>notIpBlocks</c>.</summary>
    public ImmutableArray<string> NotIpBlocks { get; init; } = [];

    /// <summary><c>remoteIpBlocks</c> (the client from X-Forwarded-For / PROXY protocol).</summary>
    public ImmutableArray<string> RemoteIpBlocks { get; init; } = [];

    /// <summary><c>notRemoteIpBlocks</c>.</summary>
    public ImmutableArray<string> NotRemoteIpBlocks { get; init; } = [];
}
