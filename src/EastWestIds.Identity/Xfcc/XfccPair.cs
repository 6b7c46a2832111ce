namespace EastWestIds.Identity.Xfcc;

/// <summary>One validated pair as produced by <see cref="XfccTokenizer"/>: ranges into the header, no copies.</summary>
/// <param name="Key">The key (never <see cref="XfccKey.None"/>).</param>
/// <param name="Value">The value, trimmed, without its surrounding quotes, NOT unescaped.</param>
/// <param name="IsQuoted">The value was one quoted string (its quotes are outside <paramref name="Value"/>).</param>
/// <param name="HasEscapes">The quoted value contains <c>\"</c> or <c>\\</c>, so its decoded text differs from <paramref name="Value"/>.</param>
/// <param name="StartsElement">First pair of an element.</param>
/// <param name="EndsElement">Last pair of an element.</param>
internal readonly record struct XfccPair(XfccKey Key, Range Value, bool IsQuoted, bool HasEscapes, bool StartsElement, bool EndsElement);
