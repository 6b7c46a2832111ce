using System.Globalization;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.Storage;

/// <summary>
/// Turns a finding's detail into <see cref="AlertEvidence"/> with the matched span marked. A signature's detail reads
/// <c>http.uri[0]@8: SELECT</c> (buffer, value, offset in the decoded value, matched text); the match is looked up in
/// the raw request text its buffer comes from, and an excerpt around the first occurrence is kept with the span's
/// offset inside it. When the matched text is not there verbatim (it matched after decoding, or it is built-in
/// finding text), the excerpt is the matched text itself, all of it marked.
/// </summary>
internal static class EvidenceLocator
{
    /// <summary>Characters kept on each side of the match.</summary>
    public const int Context = 256;

    public static AlertEvidence? Locate(string? detail, RequestInfo request)
    {
        if (string.IsNullOrEmpty(detail))
        {
            return null;
        }

        var (buffer, matched) = Split(detail);
        if (matched.Length == 0)
        {
            return new AlertEvidence(buffer, detail, 0, detail.Length);
        }

        foreach (var source in Sources(buffer, request))
        {
            var at = source.IndexOf(matched, StringComparison.Ordinal);
            if (at >= 0)
            {
                var start = Math.Max(0, at - Context);
                var end = Math.Min(source.Length, at + matched.Length + Context);
                return new AlertEvidence(buffer, source[start..end], at - start, matched.Length);
            }
        }

        return new AlertEvidence(buffer, matched, 0, matched.Length);
    }

    /// <summary>"http.uri[0]@8: SELECT" → ("http.uri", "SELECT"); anything else → ("detail", the text).</summary>
    internal static (string Buffer, string Matched) Split(string detail)
    {
        var bracket = detail.IndexOf('[', StringComparison.Ordinal);
        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        if (bracket > 0 && colon > bracket)
        {
            var close = detail.IndexOf("]@", bracket, StringComparison.Ordinal);
            if (close > bracket && close < colon
                && int.TryParse(detail.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && int.TryParse(detail.AsSpan(close + 2, colon - close - 2), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return (detail[..bracket], detail[(colon + 2)..]);
            }
        }

        return ("detail", detail);
    }

    /// <summary>The raw texts to search, the buffer's own first.</summary>
    private static IEnumerable<string> Sources(string buffer, RequestInfo request)
    {
        var headerBlock = string.Join("\r\n", request.Headers.Select(h => h.Name + ": " + h.Value));
        if (buffer.Contains("header", StringComparison.Ordinal) || buffer.Contains("cookie", StringComparison.Ordinal)
            || buffer.Contains("user_agent", StringComparison.Ordinal) || buffer.Contains("host", StringComparison.Ordinal))
        {
            yield return headerBlock;
        }
        else if (buffer.Contains("body", StringComparison.Ordinal) && request.BodyExcerpt is { } body)
        {
            yield return body;
        }

        yield return request.RequestLine;
        yield return headerBlock;
        if (request.BodyExcerpt is { } excerpt)
        {
            yield return excerpt;
        }
    }
}
