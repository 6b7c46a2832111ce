using System.Text.RegularExpressions;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Redaction;

/// <summary>
/// Removes secrets from an alert before it is stored: request line and path (query parameters, JWTs), headers
/// (credential headers by name; any header's query-like or JWT content), body excerpt (form parameters, secret JSON
/// members, JWTs), evidence (the same rules by buffer, with the matched span kept and moved, see
/// <see cref="TextRedaction"/>) and the EVE line (its strings, and EVE header pairs by name). Runs on the writer's
/// thread, never on the request path. <see cref="AlertRecord.Redacted"/> tells whether anything was cut.
/// </summary>
public sealed class AlertRedactor(RedactionOptions options)
{
    /// <summary>Returns the alert with its secrets replaced by markers, or the same instance when redaction is off or nothing was found.</summary>
    public AlertRecord Redact(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!options.Enabled)
        {
            return alert;
        }

        var changed = false;
        var found = new List<Replacement>();

        var requestLine = Generic(alert.Request.RequestLine, found, ref changed);
        var path = Generic(alert.Request.Path, found, ref changed);
        var body = alert.Request.BodyExcerpt is { } b ? Generic(b, found, ref changed) : null;

        IReadOnlyList<HeaderField> headers = alert.Request.Headers;
        List<HeaderField>? newHeaders = null;
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            found.Clear();
            TextRedaction.FindInHeader(header.Name, header.Value, 0, found);
            if (found.Count > 0)
            {
                newHeaders ??= [.. headers];
                newHeaders[i] = header with { Value = TextRedaction.Apply(header.Value, found) };
                changed = true;
            }
        }

        var evidence = alert.Evidence is { } e ? RedactEvidence(e, found, ref changed) : null;
        var eve = alert.EveJson is { } line ? RedactEve(line, found, ref changed) : null;
        if (!changed)
        {
            return alert;
        }

        return alert with
        {
            Request = alert.Request with { RequestLine = requestLine, Path = path, BodyExcerpt = body, Headers = newHeaders ?? headers },
            Evidence = evidence,
            EveJson = eve,
            Redacted = true,
        };
    }

    private static string Generic(string text, List<Replacement> found, ref bool changed)
    {
        found.Clear();
        TextRedaction.FindGeneric(text, 0, found);
        if (found.Count == 0)
        {
            return text;
        }

        changed = true;
        return TextRedaction.Apply(text, found);
    }

    private static AlertEvidence RedactEvidence(AlertEvidence evidence, List<Replacement> found, ref bool changed)
    {
        found.Clear();
        var buffer = evidence.Buffer.ToLowerInvariant();
        if (buffer is "http.cookie" or "http_cookie" or "http.cookie_pair")
        {
            TextRedaction.FindInHeader("cookie", evidence.Excerpt, 0, found); // a pair is a Cookie header of one cookie
        }
        else if (buffer is "http.cookie_value")
        {
            TextRedaction.FindInCookieValue(evidence.Excerpt, 0, found);
        }
        else if (buffer.StartsWith("http.header", StringComparison.Ordinal) || buffer.StartsWith("http.request_header", StringComparison.Ordinal)
            || buffer is "http_header" or "http_raw_header")
        {
            TextRedaction.FindInHeaderBlock(evidence.Excerpt, found);
        }
        else
        {
            TextRedaction.FindGeneric(evidence.Excerpt, 0, found);
        }

        if (found.Count == 0)
        {
            return evidence;
        }

        changed = true;
        var (start, length) = evidence.HasValidSpan ? (evidence.Offset, evidence.Length) : (-1, -1);
        var excerpt = TextRedaction.Apply(evidence.Excerpt, found, start, length, out var newStart, out var newLength);
        return start < 0
            ? evidence with { Excerpt = excerpt }
            : evidence with { Excerpt = excerpt, Offset = newStart, Length = newLength };
    }

    private static string RedactEve(string line, List<Replacement> found, ref bool changed)
    {
        // Work on the JSON text itself: the patterns stop at quotes, so a value never runs into the next member,
        // and the line keeps the exact shape the formatter gave it (a parse and re-serialize would not).
        found.Clear();
        foreach (Match pair in SecretPatterns.EveHeaderPair().Matches(line))
        {
            var value = pair.Groups["v"];
            TextRedaction.FindInHeader(pair.Groups["n"].Value, value.Value, value.Index, found);
        }

        TextRedaction.FindGeneric(line, 0, found);
        if (found.Count == 0)
        {
            return line;
        }

        changed = true;
        return TextRedaction.Apply(line, found);
    }
}
