namespace EastWestIds.Identity.Callee;

/// <summary>
/// The mirrored request's Host/:authority read back into the service the caller meant, as ranges into the
/// authority bytes. <see cref="Namespace"/> is empty when the authority was a short name (<c>reviews</c>): it
/// then resolves in the caller's namespace, as DNS search paths do.
/// </summary>
public readonly record struct CalleeAuthority(
    Range Host,
    Range Service,
    Range Namespace,
    int Port,
    bool ShadowSuffixRemoved,
    bool IsIpLiteral)
{
    /// <summary>True when the authority named no namespace (short name).</summary>
    public bool NamespaceFromCaller => Namespace.Start.Value == Namespace.End.Value && !IsIpLiteral;
}
