using System.Globalization;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Api;

/// <summary>
/// Reads the alert filters from a query string, strictly: an unknown value is a 400 naming the parameter and what it
/// accepts, never silently ignored (an analyst who typos "hihg" must not see "no alerts"). Lists are comma-separated
/// or repeated (<c>severity=high,medium</c> or <c>severity=high&amp;severity=medium</c>), at most 100 values.
/// </summary>
internal static class AlertQuery
{
    public const int MaxValues = 100;
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    private static readonly string SeverityValues = string.Join(", ", ModelText.SeverityLabels) + " (or 1-4)";
    private static readonly string FamilyValues = string.Join(", ", ModelText.FamilyLabels);
    private static readonly string VerdictValues = string.Join(", ", ModelText.VerdictLabels);
    private static readonly string TriageStateValues = string.Join(", ", ModelText.TriageStateLabels);
    private static readonly string OutcomeValues = string.Join(", ", ModelText.OutcomeLabels);

    /// <summary>The filter parameters <see cref="ReadFilter"/> reads, as the OpenAPI document lists them.</summary>
    public static IReadOnlyList<QueryParameterDoc> FilterParameters { get; } =
    [
        new("from", QueryValue.Time, "Alerts at or after this time."),
        new("to", QueryValue.Time, "Alerts at or before this time."),
        new("severity", QueryValue.List, "Severities, comma-separated or repeated; 1-4 also accepted.", ModelText.SeverityLabels),
        new("category", QueryValue.List, "Alert categories as the EVE records name them (e.g. Web Application Attack), comma-separated or repeated."),
        new("family", QueryValue.List, "Finding families, comma-separated or repeated.", ModelText.FamilyLabels),
        new("sid", QueryValue.List, "Signature ids (positive whole numbers), comma-separated or repeated."),
        new("caller", QueryValue.Text, "The caller's SPIFFE ID."),
        new("callee", QueryValue.Text, "The callee Service, however its callers spell it: reviews, reviews.bookinfo, reviews.bookinfo.svc.cluster.local:9080 ; a short name resolves in the namespace of the caller filter, else in every namespace."),
        new("verdict", QueryValue.List, "AuthorizationPolicy verdicts, comma-separated or repeated.", ModelText.VerdictLabels),
        new("state", QueryValue.List, "Triage states, comma-separated or repeated.", ModelText.TriageStateLabels),
        new("outcome", QueryValue.List, "What the inline proxy did with the request (none: a mirror's alert, which only observes), comma-separated or repeated.", ModelText.OutcomeLabels),
    ];

    /// <summary>The <c>limit</c> parameter <see cref="ReadLimit"/> reads, with the endpoint's bounds.</summary>
    public static QueryParameterDoc LimitParameter(int defaultLimit, int maxLimit)
        => new("limit", QueryValue.WholeNumber, $"At most this many items, 1 to {maxLimit} (default {defaultLimit}).");

    /// <summary>The filter, or an error message for the first bad parameter.</summary>
    public static AlertFilter? ReadFilter(IQueryCollection query, out string? error)
    {
        error = null;
        var filter = new AlertFilter
        {
            From = Time(query, "from", ref error),
            To = Time(query, "to", ref error),
            Severities = List<Severity>(query, "severity", ModelText.TryParseSeverity, SeverityValues, ref error),
            Categories = Strings(query, "category", ref error),
            Families = List<FindingFamily>(query, "family", ModelText.TryParseFamily, FamilyValues, ref error),
            Sids = List<int>(query, "sid", TryParseSid, "positive whole numbers", ref error),
            Caller = Single(query, "caller", ref error),
            Callee = Single(query, "callee", ref error),
            Verdicts = List<AlertVerdict>(query, "verdict", ModelText.TryParseVerdict, VerdictValues, ref error),
            TriageStates = List<TriageState>(query, "state", ModelText.TryParseTriageState, TriageStateValues, ref error),
            Outcomes = List<AlertOutcome>(query, "outcome", ModelText.TryParseOutcome, OutcomeValues, ref error),
        };
        if (error is null && filter.From is { } from && filter.To is { } to && to < from)
        {
            error = "'to' is before 'from'";
        }

        // callee names a Service however its callers spelled it (CalleeFilter), not the host as used.
        if (error is null && filter.Callee is { } callee)
        {
            if (CalleeFilter.TryRead(callee, filter.Caller, out var name, out var ns))
            {
                filter = filter with { Callee = null, CalleeName = name, CalleeNamespace = ns };
            }
            else
            {
                error = $"'callee' value '{Clip(callee)}' is not a service host (e.g. reviews, reviews.bookinfo, reviews.bookinfo.svc.cluster.local:9080)";
            }
        }

        return error is null ? filter : null;
    }

    /// <summary><c>limit</c> (1–1000, default 50), or an error.</summary>
    public static int ReadLimit(IQueryCollection query, int defaultLimit, int maxLimit, out string? error)
    {
        error = null;
        var text = query["limit"].ToString();
        if (text.Length == 0)
        {
            return defaultLimit;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= maxLimit)
        {
            return limit;
        }

        error = $"'limit' must be a whole number from 1 to {maxLimit}";
        return 0;
    }

    /// <summary>An ISO 8601 time (<c>2026-11-29T03:00:00Z</c>; no offset means UTC) or Unix seconds.</summary>
    public static DateTimeOffset? Time(IQueryCollection query, string name, ref string? error)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        error ??= $"'{name}' must be an ISO 8601 time (e.g. 2026-11-29T03:00:00Z) or Unix seconds";
        return null;
    }

    private delegate bool TryParse<T>(string? text, out T value);

    private static IReadOnlyList<T>? List<T>(IQueryCollection query, string name, TryParse<T> parse, string accepted, ref string? error)
    {
        var texts = Strings(query, name, ref error);
        if (texts is null)
        {
            return null;
        }

        var values = new List<T>(texts.Count);
        foreach (var text in texts)
        {
            if (!parse(text.ToLowerInvariant(), out var value))
            {
                error ??= $"'{name}' value '{Clip(text)}' is not one of: {accepted}";
                return null;
            }

            values.Add(value);
        }

        return values;
    }

    private static IReadOnlyList<string>? Strings(IQueryCollection query, string name, ref string? error)
    {
        if (!query.TryGetValue(name, out var raw))
        {
            return null;
        }

        var values = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        if (values.Length == 0)
        {
            return null; // "severity=" means no filter, not "match nothing"
        }

        if (values.Length > MaxValues)
        {
            error ??= $"'{name}' has {values.Length} values; at most {MaxValues}";
            return null;
        }

        return values;
    }

    private static string? Single(IQueryCollection query, string name, ref string? error)
    {
        if (!query.TryGetValue(name, out var raw) || raw.Count == 0 || string.IsNullOrEmpty(raw[0]))
        {
            return null;
        }

        if (raw.Count > 1)
        {
            error ??= $"'{name}' takes one value";
            return null;
        }

        return raw[0];
    }

    private static bool TryParseSid(string? text, out int sid)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out sid) && sid > 0;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
