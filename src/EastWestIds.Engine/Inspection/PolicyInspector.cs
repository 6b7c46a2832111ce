using System.Buffers;
using System.Globalization;
using System.Text;
using EastWestIds.Engine.Authorization;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Inventory.Model;
using EastWestIds.Policy.CrossChecks;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// Judges each request as the destination's sidecar would, from the AuthorizationPolicies in the current
/// <see cref="PolicySnapshot"/> (issue 4 "Verdicts and findings"), and cross-checks the caller's identity against the
/// inventory. <c>denied</c> and <c>would-deny</c> raise alerts; every verdict is counted per edge and recorded in the
/// context for the output. Runs after <see cref="IdentityInspector"/>, whose caller and callee it reads; allocates only
/// when it raises a finding or meets a new edge.
/// </summary>
public sealed class PolicyInspector
{
    private const int MaxHostBytes = 255;
    private const int MaxNameChars = 512;

    [ThreadStatic]
    private static RequestAuthzHeaders? t_headers;

    private readonly PolicySnapshotSource _source;
    private readonly PolicyMetrics _metrics;
    private readonly int _maxEvidence;

    public PolicyInspector(PolicySnapshotSource source, PolicyMetrics metrics, InspectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _metrics = metrics;
        _maxEvidence = options.MaxEvidenceBytes;
    }

    public void Inspect(MirroredRequest request, InspectionContext context)
    {
        var snapshot = _source.Current; // one read: the whole request sees one snapshot
        ref readonly var caller = ref context.Caller;
        ref readonly var callee = ref context.Callee;
        var principal = caller.Principal(request);
        var peer = request.PeerAddress is { } address ? IpKey.From(address) : IpKey.None;
        var callerIp = CallerAddress.Select(request.GetHeader(KnownHeader.XForwardedFor), peer, out var fromForwardedFor);

        var principalBounded = false;
        if (!principal.IsEmpty)
        {
            var check = CallerIdentityChecker.Check(snapshot.Inventory, principal, callerIp);
            principalBounded = check.Outcome is not (CallerCheckOutcome.UnknownNamespace or CallerCheckOutcome.UnknownServiceAccount or CallerCheckOutcome.NotIstioIdentity);
            RaiseIdentity(request, context, check, principal, callerIp, fromForwardedFor);
        }

        Span<char> callerNamespace = stackalloc char[MaxNameChars];
        var callerNs = Widen(caller.Namespace(request), callerNamespace);

        var judgement = new MeshJudgement(JudgementStatus.UnknownService, null, null, default);
        Span<byte> host = stackalloc byte[MaxHostBytes + 7];
        if (callee.IsKnown && HostWithPort(request, callee, host, out var hostLength))
        {
            var headers = t_headers ??= new RequestAuthzHeaders();
            headers.Request = request;
            var path = PathOf(request, callee);
            byte[]? normalized = null;
            if (request.Ingest == IngestKind.Offline && SidecarPath.MayChange(path))
            {
                // A mirror and the proxy get the path as the caller's sidecar normalized it; a recording may be raw.
                normalized = ArrayPool<byte>.Shared.Rent(path.Length);
                path = normalized.AsSpan(0, SidecarPath.Normalize(path, normalized));
            }

            var authz = new AuthzRequest
            {
                SourcePrincipal = principal,
                SourceIp = peer,
                RemoteIp = fromForwardedFor ? callerIp : IpKey.None,
                Method = request.Method,
                Host = host[..hostLength],
                Path = path,
                Headers = headers,
                HasUnvalidatedToken = HasBearerToken(request),
            };
            try
            {
                judgement = snapshot.Judge.Judge(authz, callerNs);
                if (judgement.Status == JudgementStatus.Judged && judgement.Verdict.Verdict.Kind != VerdictKind.Denied)
                {
                    JudgeAsServersReadIt(snapshot, ref authz, callerNs, context);
                }
            }
            finally
            {
                headers.Request = null;
                if (normalized is not null)
                {
                    ArrayPool<byte>.Shared.Return(normalized);
                }
            }
        }

        if (judgement.Status == JudgementStatus.Judged)
        {
            context.Policy.Judged = true;
            context.Policy.Verdict = judgement.Verdict.Verdict;
            RaiseVerdict(context, judgement);
        }

        Count(principal, principalBounded, callerNs, judgement);
    }

    /// <summary>
    /// The sidecar matches <c>paths</c> against the path as it came, which the servers behind it may read as another
    /// path. Tomcat, Jetty and Spring drop path parameters (<see cref="PathParameters"/>): <c>/;x/debug/vars</c> escapes a
    /// DENY on <c>/debug*</c> and <c>/public/..;/admin</c> passes an ALLOW on <c>/public/*</c> (the bypass of
    /// CVE-2026-39852, between Quarkus's own layers). Tomcat and nginx merge slashes and WSGI servers decode <c>%2F</c>,
    /// which Istio's default normalization keeps (<see cref="PathSlashes"/>): <c>//admin</c> and <c>/admin%2Fkeys</c> escape
    /// a DENY on <c>/admin*</c> (CVE-2021-31920). Express (by default), ASP.NET Core and IIS route paths ignoring case,
    /// which the sidecar never does: <c>/ADMIN</c> escapes it too. When the path as such a server reads it would be
    /// denied, the call is an attempt on a denied path, whatever the sidecar decided; the first reading that finds one
    /// raises its finding. Allocates only the alert.
    /// </summary>
    private void JudgeAsServersReadIt(PolicySnapshot snapshot, ref AuthzRequest authz, ReadOnlySpan<char> callerNs, InspectionContext context)
    {
        var sent = PathValue.WithoutQuery(authz.Path);
        var parameters = PathParameters.Present(sent);
        var slashes = PathSlashes.Present(sent);
        if ((parameters || slashes) && JudgeRewrittenPath(snapshot, ref authz, callerNs, context, sent, parameters, slashes))
        {
            return;
        }

        // Case only matters where a letter's case can differ: an upper-case letter in the path, or in some policy's paths.
        if (sent.ContainsAnyInRange((byte)'A', (byte)'Z') || snapshot.Policies.PathPatternsHaveUpperCase)
        {
            authz.PathIgnoresCase = true;
            var denied = DeniedAs(snapshot, ref authz, authz.Path, callerNs, out var judgement);
            authz.PathIgnoresCase = false;
            if (denied)
            {
                context.Add(BuiltInSignatures.PolicyDeniedBehindLetterCase,
                    $"path {InspectionContext.EvidenceText(sent, _maxEvidence)} with its letter case ignored, as Express (by default), " +
                    $"ASP.NET Core and IIS route it, is {VerdictDetail(judgement)}");
            }
        }
    }

    /// <summary>The readings that rewrite the path: parameters dropped, slashes merged and decoded. True when one raised its finding.</summary>
    private bool JudgeRewrittenPath(PolicySnapshot snapshot, ref AuthzRequest authz, ReadOnlySpan<char> callerNs, InspectionContext context,
        ReadOnlySpan<byte> sent, bool parameters, bool slashes)
    {
        // Pooled, not stackalloc'd: the path goes into the caller's request, which may outlive this frame.
        byte[] rented = ArrayPool<byte>.Shared.Rent(sent.Length + 1);
        try
        {
            Span<byte> buffer = rented;
            if (parameters)
            {
                var read = buffer[..PathNormalizer.Normalize(buffer[..PathParameters.Remove(sent, buffer)])];
                if (DeniedAs(snapshot, ref authz, read, callerNs, out var judgement))
                {
                    context.Add(BuiltInSignatures.PolicyDeniedBehindPathParameters,
                        HiddenPathDetail(sent, read, "servers that drop path parameters (Tomcat, Jetty, Spring)", judgement));
                    return true;
                }
            }

            if (slashes)
            {
                var decoded = buffer[..PathSlashes.DecodeEscapedSlashes(sent, buffer)];
                var climbs = PathSlashes.HasDotDotSegment(decoded);
                var read = decoded[..PathNormalizer.Normalize(decoded)];

                // Denied because no ALLOW rule matches the path read is no attempt unless the path climbed: splitting
                // /ratings/a%2Fb makes it miss an ALLOW on /ratings/{*}, and a server that decodes %2F could not serve
                // that API at all, so its callers' paths are data.
                if (DeniedAs(snapshot, ref authz, read, callerNs, out var judgement)
                    && (climbs || judgement.Verdict.Verdict.Reason == VerdictReason.DenyRuleMatched))
                {
                    context.Add(BuiltInSignatures.PolicyDeniedBehindSlashes,
                        HiddenPathDetail(sent, read, "servers that merge slashes (Tomcat, nginx) or decode %2F and %5C (WSGI servers such as gunicorn)", judgement));
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>True when the request with its path read as <paramref name="read"/> would be denied.</summary>
    private static bool DeniedAs(PolicySnapshot snapshot, ref AuthzRequest authz, ReadOnlySpan<byte> read, ReadOnlySpan<char> callerNs, out MeshJudgement judgement)
    {
        var asSent = authz.Path;
        authz.Path = read;
        judgement = snapshot.Judge.Judge(authz, callerNs);
        authz.Path = asSent;
        return judgement.Status == JudgementStatus.Judged && judgement.Verdict.Verdict.Kind == VerdictKind.Denied;
    }

    private string HiddenPathDetail(ReadOnlySpan<byte> sent, ReadOnlySpan<byte> read, string servers, in MeshJudgement judgement)
        => $"path {InspectionContext.EvidenceText(sent, _maxEvidence)} is {InspectionContext.EvidenceText(read, _maxEvidence)} " +
           $"to {servers}, and that path is {VerdictDetail(judgement)}";

    private void Count(ReadOnlySpan<byte> principal, bool bounded, ReadOnlySpan<char> callerNs, in MeshJudgement judgement)
    {
        Span<char> principalChars = stackalloc char[MaxNameChars];
        ReadOnlySpan<char> principalLabel = bounded ? Widen(principal, principalChars) : default;
        ReadOnlySpan<char> nsLabel = bounded && !callerNs.IsEmpty ? callerNs : PolicyMetrics.Unknown;
        if (principalLabel.IsEmpty)
        {
            principalLabel = PolicyMetrics.Unknown;
            nsLabel = PolicyMetrics.Unknown;
        }

        _metrics.Count(
            nsLabel,
            principalLabel,
            judgement.Service?.Name ?? PolicyMetrics.Unknown,
            judgement.Service?.Namespace ?? PolicyMetrics.Unknown,
            judgement.Status,
            judgement.Verdict.Verdict.Kind);
    }

    private static void RaiseVerdict(InspectionContext context, in MeshJudgement judgement)
    {
        var verdict = judgement.Verdict.Verdict;
        switch (verdict.Kind)
        {
            case VerdictKind.Denied:
                context.Add(BuiltInSignatures.PolicyDenied, VerdictDetail(judgement));
                break;
            case VerdictKind.WouldDeny:
                context.Add(BuiltInSignatures.PolicyWouldDeny, VerdictDetail(judgement));
                break;
        }
    }

    /// <summary>The alert's evidence: which policy and rule decided, for which workload, and what the verdict could not see.</summary>
    internal static string VerdictDetail(in MeshJudgement judgement)
    {
        var service = judgement.Verdict;
        var verdict = service.Verdict;
        var text = new StringBuilder();
        text.Append(verdict.Kind switch
        {
            VerdictKind.WouldDeny => "would be denied by ",
            _ => "denied: ",
        });
        text.Append(verdict.Reason switch
        {
            VerdictReason.NoAllowRuleMatched => $"no ALLOW policy matched ({verdict.Rule.Policy?.Name} and the others that apply)",
            _ when verdict.Rule.IsEmpty => PolicyOutcome.Label(verdict.Reason),
            _ => verdict.Rule.ToString(),
        });
        text.Append("; destination ").Append(judgement.Service?.Namespace).Append('/').Append(judgement.Service?.Name);
        if (service.Workload is { } workload)
        {
            text.Append(" workload ").Append(workload);
        }

        if (service.Disagreement)
        {
            text.Append("; workloads disagree: ").Append(service.OtherWorkload).Append(" says ").Append(PolicyOutcome.Label(service.Other.Kind));
        }

        if (verdict.Unknowns != AuthzUnknowns.None)
        {
            text.Append("; uncertain, depends on what a mirror cannot see: ").Append(verdict.Unknowns);
        }

        return text.ToString();
    }

    private void RaiseIdentity(MirroredRequest request, InspectionContext context, in CallerIdentityCheck check, ReadOnlySpan<byte> principal, IpKey callerIp, bool fromForwardedFor)
    {
        var signature = check.Outcome switch
        {
            CallerCheckOutcome.IdentityMismatch => BuiltInSignatures.IdentityMismatch,
            CallerCheckOutcome.UnknownServiceAccount => BuiltInSignatures.UnknownServiceAccount,
            CallerCheckOutcome.UnknownNamespace => BuiltInSignatures.UnknownNamespace,
            _ => null,
        };
        if (signature is null)
        {
            return;
        }

        var detail = $"caller {InspectionContext.EvidenceText(principal, _maxEvidence)}";
        if (check.Outcome == CallerCheckOutcome.IdentityMismatch)
        {
            detail += $" from {callerIp} ({(fromForwardedFor ? "x-forwarded-for" : "peer address")}), which is pod {check.Pod?.Namespace}/{check.Pod?.Name} running as service account {check.Pod?.ServiceAccount}";
        }

        context.Add(signature, detail);
    }

    /// <summary>The original authority with its port and without <c>-shadow</c>, as the destination's sidecar saw it.</summary>
    private static bool HostWithPort(MirroredRequest request, in CalleeIdentity callee, Span<byte> buffer, out int length)
    {
        length = 0;
        var name = callee.Host(request);
        if (name.IsEmpty || name.Length > MaxHostBytes || callee.Authority.IsIpLiteral)
        {
            return false;
        }

        name.CopyTo(buffer);
        length = name.Length;
        if (callee.Authority.Port > 0)
        {
            buffer[length++] = (byte)':';
            callee.Authority.Port.TryFormat(buffer[length..], out var written, provider: CultureInfo.InvariantCulture);
            length += written;
        }

        return true;
    }

    private static ReadOnlySpan<byte> PathOf(MirroredRequest request, in CalleeIdentity callee)
    {
        if (!callee.FromTarget)
        {
            return request.Target;
        }

        var path = request.Target[(callee.TargetAuthorityStart + callee.TargetAuthorityLength)..];
        return path.IsEmpty ? "/"u8 : path;
    }

    private static bool HasBearerToken(MirroredRequest request)
        => request.TryGetHeader("authorization"u8, out var value)
            && value.Length > 7
            && Ascii.EqualsIgnoreCase(value[..7], "bearer "u8);

    private static ReadOnlySpan<char> Widen(ReadOnlySpan<byte> ascii, Span<char> buffer)
    {
        if (ascii.Length > buffer.Length)
        {
            return default;
        }

        for (var i = 0; i < ascii.Length; i++)
        {
            buffer[i] = (char)ascii[i];
        }

        return buffer[..ascii.Length];
    }
}
