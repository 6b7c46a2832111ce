namespace EastWestIds.Policy.CrossChecks;

/// <summary>What the inventory says about a caller's claimed identity and address (issue 4 "Identity cross-checks").</summary>
public enum CallerCheckOutcome
{
    /// <summary>The caller's IP belongs to a pod running as the principal's namespace and service account.</summary>
    Consistent,

    /// <summary>No principal (the hop was not mTLS): there is no identity to check.</summary>
    NoPrincipal,

    /// <summary>The principal is not a valid SPIFFE ID, or not Istio's <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> form.</summary>
    NotIstioIdentity,

    /// <summary>The principal's namespace is not in the inventory.</summary>
    UnknownNamespace,

    /// <summary>The principal's service account is not in the inventory (and nothing runs as it).</summary>
    UnknownServiceAccount,

    /// <summary>The IP is no known pod's (a node, something outside the cluster, or a pod missing from the inventory): not verifiable.</summary>
    UnknownAddress,

    /// <summary>The IP belongs to pods that run as a different identity: an <c>identity-mismatch</c> finding.</summary>
    IdentityMismatch,

    /// <summary>
    /// The IP is a host-network address shared by pods with different identities, or no IP was given and several
    /// workloads run as the service account: which workload called is ambiguous and is not guessed.
    /// </summary>
    Ambiguous,
}
