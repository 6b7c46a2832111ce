using System.Globalization;
using System.Text;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Storage.Model;
using HttpVersion = EastWestIds.Http.Http1.HttpVersion;

namespace EastWestIds.Host.Storage;

/// <summary>
/// Copies what an analyst needs out of a pooled request into an <see cref="AlertRecord"/>: the request line, headers,
/// a body excerpt, identities, the policy decision, the evidence and the EVE line. Runs on the analysis worker for
/// alerts only (rare next to requests), so strings are fine here; nothing is redacted yet (the store writer does it).
/// </summary>
internal static class AlertRecordFactory
{
    public static AlertRecord Create(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine, int maxBodyExcerptBytes, AlertOutcome outcome = AlertOutcome.None)
    {
        var signature = finding.Signature;
        var requestInfo = Request(request, maxBodyExcerptBytes);
        var line = eveLine.Length > 0 && eveLine[^1] == (byte)'\n' ? eveLine[..^1] : eveLine;
        return new AlertRecord
        {
            Timestamp = request.ReceivedAtUtc == default ? DateTimeOffset.UtcNow : new DateTimeOffset(DateTime.SpecifyKind(request.ReceivedAtUtc, DateTimeKind.Utc)),
            Sid = signature.Sid,
            RelatedSids = finding.Related is { } related ? Array.ConvertAll(related, r => r.Signature.Sid) : [],
            Rev = signature.Rev,
            Message = signature.Message,
            Category = signature.Category,
            Severity = signature.Severity,
            Family = signature.Family,
            Caller = Caller(request, context),
            Callee = Callee(request, context),
            Policy = Policy(context),
            FlowId = request.ConnectionId,
            CommunityId = JsonStringField(line, "\"community_id\":\""u8),
            Request = requestInfo,
            Evidence = EvidenceLocator.Locate(finding.Detail, requestInfo),
            EveJson = Utf8(line),
            Outcome = outcome,
        };
    }

    /// <summary>The caller key edges, filters and suppressions use: the SPIFFE principal (empty when unknown).</summary>
    public static ReadOnlySpan<byte> CallerKey(MirroredRequest request, InspectionContext context) => context.Caller.Principal(request);

    /// <summary>The callee key: the host the caller named, without <c>-shadow</c> and port (empty when unknown).</summary>
    public static ReadOnlySpan<byte> CalleeKey(MirroredRequest request, InspectionContext context) => context.Callee.Host(request);

    public static AlertVerdict Verdict(InspectionContext context)
    {
        if (!context.Policy.Judged)
        {
            return AlertVerdict.None;
        }

        return context.Policy.Verdict.Kind switch
        {
            VerdictKind.Allowed => AlertVerdict.Allowed,
            VerdictKind.Denied => AlertVerdict.Denied,
            VerdictKind.WouldDeny => AlertVerdict.WouldDeny,
            VerdictKind.ExtAuthz => AlertVerdict.ExtAuthz,
            _ => AlertVerdict.Unprotected,
        };
    }

    private static CallerInfo Caller(MirroredRequest request, InspectionContext context)
    {
        ref readonly var caller = ref context.Caller;
        return caller.IsKnown
            ? new CallerInfo(Utf8(caller.Principal(request)), Utf8(caller.Namespace(request)), Utf8(caller.ServiceAccount(request)))
            : CallerInfo.Unknown;
    }

    private static CalleeInfo Callee(MirroredRequest request, InspectionContext context)
    {
        ref readonly var callee = ref context.Callee;
        return callee.IsKnown
            ? new CalleeInfo(Utf8(callee.Host(request)), Utf8(callee.Namespace(request, context.Caller)), Math.Max(0, callee.Authority.Port))
            : CalleeInfo.Unknown;
    }

    private static PolicyDecision Policy(InspectionContext context)
    {
        var verdict = Verdict(context);
        if (verdict == AlertVerdict.None)
        {
            return PolicyDecision.None;
        }

        var rule = context.Policy.Verdict.Rule;
        return new PolicyDecision(
            verdict,
            rule.Policy?.Name,
            rule.Policy is not null && rule.RuleIndex >= 0 ? rule.RuleIndex.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static RequestInfo Request(MirroredRequest request, int maxBodyExcerptBytes)
    {
        if (!request.HasHead)
        {
            // A rejected or stalled request: what arrived is the evidence; there is no parsed head.
            return RequestInfo.Empty;
        }

        var method = Utf8(request.Method);
        var target = Utf8(request.Target);
        var version = request.Version switch
        {
            HttpVersion.Http10 => "HTTP/1.0",
            HttpVersion.Http2 => "HTTP/2",
            _ => "HTTP/1.1",
        };
        var headers = new HeaderField[request.HeaderCount];
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = new HeaderField(Utf8(request.HeaderName(i)), Utf8(request.HeaderValue(i)));
        }

        var body = request.Body;
        string? excerpt = null;
        if (!body.IsEmpty)
        {
            excerpt = InspectionContext.EvidenceText(body, maxBodyExcerptBytes);
        }

        return new RequestInfo($"{method} {target} {version}", method, Utf8(request.GetHeader(KnownHeader.Host)), target, headers, excerpt);
    }

    /// <summary>The value of a top-level string field the formatter wrote (no escapes in the fields asked for).</summary>
    private static string? JsonStringField(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix)
    {
        var at = line.IndexOf(prefix);
        if (at < 0)
        {
            return null;
        }

        var rest = line[(at + prefix.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end <= 0 ? null : Encoding.ASCII.GetString(rest[..end]);
    }

    private static string Utf8(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes);
}
