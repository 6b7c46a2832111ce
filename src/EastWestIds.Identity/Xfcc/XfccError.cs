namespace EastWestIds.Identity.Xfcc;

/// <summary>
/// Why an x-forwarded-client-cert header could not be read (MESH-SEMANTICS §2.1). A closed set: metric label and
/// finding detail. Any value other than <see cref="None"/> rejects the WHOLE header: a strict parser never guesses
/// which part of a malformed header is authentic.
/// </summary>
/// <remarks>
/// Envoy never emits any of these shapes, so each one means the header was forged, relayed from a foreign
/// implementation, or corrupted by an unescaped SAN (§2.2). When a header has several problems, the first in scan
/// order is reported, except that <see cref="UnbalancedQuotes"/> always wins (it makes every split point unreliable).
/// Vector error names: <c>unmatched_quote</c> = <see cref="UnbalancedQuotes"/>, <c>pair_without_equals</c> =
/// <see cref="MissingEquals"/>, <c>duplicate_single_valued_key</c> = <see cref="DuplicateKey"/>,
/// <c>unknown_key</c> = <see cref="UnknownKey"/>.
/// </remarks>
public enum XfccError : byte
{
    /// <summary>Well-formed.</summary>
    None = 0,

    /// <summary>The header is empty or only whitespace (no mTLS identity: a finding of its own, not malformed).</summary>
    Empty,

    /// <summary>A <c>"</c> opened a quoted section that never closed (Envoy's XFCC_VALUE rejects the header too).</summary>
    UnbalancedQuotes,

    /// <summary>A pair has no <c>=</c> (vectors xfcc-parse-027..029).</summary>
    MissingEquals,

    /// <summary>A pair starts with <c>=</c>.</summary>
    EmptyKey,

    /// <summary>
    /// A key other than By, Hash, Cert, Chain, Subject, URI, DNS and the legacy SAN. Rejected rather than ignored:
    /// the grammar is a closed set, Envoy never emits anything else, and the reference parsers the vectors come from
    /// (Go <c>xfccparser</c>: <c>unknown=hello</c>; Rust <c>xfcc-parser</c>) reject it.
    /// </summary>
    UnknownKey,

    /// <summary>Nothing (or only whitespace) between two commas, or before the first / after the last one.</summary>
    EmptyElement,

    /// <summary>Hash, Cert, Chain or Subject appears twice in one element (vector xfcc-parse-026).</summary>
    DuplicateKey,

    /// <summary>Nothing (or only whitespace) between two semicolons, or a trailing semicolon.</summary>
    EmptyPair,

    /// <summary>
    /// A <c>"</c> in a value that is not one quoted string: a bare value containing a quote, or a quoted value with an
    /// unescaped quote inside (<c>"a"b"c"</c>). Envoy would split such a header differently from other parsers.
    /// </summary>
    MisplacedQuote,
}
