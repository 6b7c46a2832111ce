namespace EastWestIds.Identity.Xfcc;

/// <summary>
/// What identity checks need from an XFCC header, as ranges into the header bytes (no copies).
/// Only the LAST element is described: it was appended by the proxy closest to the receiver, so its
/// <c>URI</c> is the immediate caller and its <c>By</c> the receiver (MESH-SEMANTICS §2.5).
/// Quoted values are given without their quotes and without unescaping; a value that needed unescaping
/// has <see cref="LastHasEscapes"/> set (a SPIFFE ID never contains a quote or a backslash).
/// </summary>
/// <param name="Error">Why the header was rejected; when not <see cref="XfccError.None"/> every other member is default.</param>
/// <param name="ElementCount">Number of elements (default Istio: exactly 1; more is a finding, §2.5).</param>
/// <param name="LastUri">The first non-empty <c>URI</c> (or legacy <c>SAN</c>) of the last element; meaningful as the caller only when <paramref name="LastUriCount"/> is 1.</param>
/// <param name="LastUriCount">Non-empty URIs in the last element. <c>URI=</c> (Envoy's "peer has no URI SAN") is not counted (vector xfcc-parse-008).</param>
/// <param name="LastBy">The first <c>By</c> of the last element (should be the sink's own ID).</param>
/// <param name="LastByCount">Number of <c>By</c> pairs in the last element.</param>
/// <param name="LastHash">The <c>Hash</c> of the last element (empty range when absent or empty; expect 64 lower-case hex).</param>
/// <param name="LastDnsCount">Number of <c>DNS</c> pairs in the last element.</param>
/// <param name="LastUsesLegacySan">The last element used the legacy <c>SAN</c> key (no current Envoy does: flag it).</param>
/// <param name="LastHasEscapes">A quoted value of the last element contains <c>\"</c> or <c>\\</c>.</param>
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
    /// <summary>True when the header was well-formed.</summary>
    public bool IsValid => Error == XfccError.None;

    /// <summary>The <c>Subject</c> of the last element, without quotes (empty range when absent or <c>Subject=""</c>).</summary>
    public Range LastSubject { get; init; }

    /// <summary>True when the last element had a <c>Hash</c> pair (even an empty one).</summary>
    public bool LastHasHash { get; init; }

    /// <summary>True when the last element names exactly one caller: the only shape an X.509-SVID allows (§2.6).</summary>
    public bool HasSingleCaller => IsValid && LastUriCount == 1;
}
