namespace EastWestIds.Identity.Xfcc;

/// <summary>
/// What identity checks need from an XFCC header, as ranges into the header bytes (no copies).
/// Only the LAST element is described: it was appended by the proxy closest to the receiver, so its
/// <c>URI</c> is the immediate caller and its <c>By</c> the receiver (MESH-SEMANTICS §2.5).
/// Quoted values are given without their quotes and without unescaping; a value that needed unescaping
/// has <see cref="LastHasEscapes"/> set (a SPIFFE ID never contains a quote or a backslash).
/// </summary>
public readonly record struct XfccSummary(
    XfccError Error,
    int ElementCount,
    Range LastUri,
    int LastUriCount,
    Range LastBy,
    int LastByCount,
    Range LastHash,
    int LastDnsCount,
    bool LastUsesLegacySan,
    bool LastHasEscapes)
{
    public bool IsValid => Error == XfccError.None;
}
