namespace EastWestIds.Storage.Model;

/// <summary>
/// Where a signature matched: the inspection buffer (<c>http.uri</c>, <c>http.header</c>, <c>http.request_body</c>…),
/// an excerpt of that buffer around the match, and the matched span as an offset and length inside
/// <see cref="Excerpt"/> (UTF-16 code units, so a UI can highlight <c>Excerpt.Substring(Offset, Length)</c>).
/// Redaction rewrites the excerpt and moves the span with it.
/// </summary>
public sealed record AlertEvidence(string Buffer, string Excerpt, int Offset, int Length)
{
    /// <summary>True when offset and length lie inside the excerpt.</summary>
    public bool HasValidSpan => Offset >= 0 && Length >= 0 && (long)Offset + Length <= Excerpt.Length;
}
