using System.Text;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Findings;
using EastWestIds.Http.Http1;
using EastWestIds.Identity.Callee;
using EastWestIds.Identity.Spiffe;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// Works out who called whom from a mirrored request, and raises the identity and access findings.
/// </summary>
/// <remarks>
/// The caller is the URI of the LAST XFCC element: the sink's own sidecar appended it after terminating the
/// caller's mTLS, so it is the only element nobody upstream could have written (MESH-SEMANTICS §2.5). Its
/// <c>By</c> must be the sink itself. With default Istio there is exactly one element; more means relayed
/// claims. The callee is the caller's original authority with Istio's optional <c>-shadow</c> suffix removed
/// (§1.3). Everything here reads spans of the captured request and allocates only when a finding is raised.
/// </remarks>
public sealed class IdentityInspector
{
    private readonly byte[][] _trustDomains;
    private readonly byte[]? _sinkIdentity;
    private readonly byte[] _sinkService;
    private readonly byte[] _sinkNamespace;
    private readonly int _maxEvidence;

    public IdentityInspector(InspectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trustDomains = options.TrustDomains.Select(Encoding.ASCII.GetBytes).ToArray();
        _sinkIdentity = options.SinkIdentity is null ? null : Encoding.ASCII.GetBytes(options.SinkIdentity);
        _sinkService = Encoding.ASCII.GetBytes(options.SinkService);
        _sinkNamespace = Encoding.ASCII.GetBytes(options.SinkNamespace);
        _maxEvidence = options.MaxEvidenceBytes;
    }

    public void Inspect(MirroredRequest request, InspectionContext context)
    {
        InspectCaller(request, context);
        InspectCallee(request, context);
    }

    private void InspectCaller(MirroredRequest request, InspectionContext context)
    {
        ref var caller = ref context.Caller;
        if (!request.HasHeader(KnownHeader.XForwardedClientCert))
        {
            context.Add(BuiltInSignatures.XfccMissing, null);
            return;
        }

        if (request.CountHeader(KnownHeader.XForwardedClientCert) > 1)
        {
            // Only the first field is read; a second field is a forged or relayed claim in its own right.
            context.Add(BuiltInSignatures.XfccSeveralHeaders, null);
        }

        var header = request.GetHeader(KnownHeader.XForwardedClientCert);
        caller.Xfcc = XfccParser.Summarize(header);
        if (!caller.Xfcc.IsValid)
        {
            context.Add(BuiltInSignatures.XfccMalformed, Detail(caller.Xfcc.Error.ToString(), header));
            return;
        }

        if (caller.Xfcc.ElementCount > 1)
        {
            context.Add(BuiltInSignatures.XfccSeveralElements, InspectionContext.EvidenceText(header, _maxEvidence));
        }

        if (caller.Xfcc.LastUsesLegacySan)
        {
            context.Add(BuiltInSignatures.XfccLegacySan, null);
        }

        if (_sinkIdentity is not null && !header[caller.Xfcc.LastBy].SequenceEqual(_sinkIdentity))
        {
            context.Add(BuiltInSignatures.ByMismatch, InspectionContext.EvidenceText(header[caller.Xfcc.LastBy], _maxEvidence));
        }

        if (caller.Xfcc.LastUriCount == 0)
        {
            context.Add(BuiltInSignatures.CallerUriMissing, null);
            return;
        }

        if (caller.Xfcc.LastUriCount > 1)
        {
            context.Add(BuiltInSignatures.CallerSeveralUris, InspectionContext.EvidenceText(header, _maxEvidence));
            return;
        }

        // A quote or backslash in the URI fails SPIFFE validation on the raw bytes; escapes elsewhere in the
        // element (a Subject) are no concern of the caller's identity.
        var uri = header[caller.Xfcc.LastUri];
        if (!SpiffeIdParser.TryParse(uri, out caller.Spiffe, out var error) || !caller.Spiffe.IsLeafWorkloadId)
        {
            context.Add(BuiltInSignatures.CallerNotSpiffe, Detail(error == SpiffeIdError.None ? "no workload path" : error.ToString(), uri));
            return;
        }

        if (caller.Spiffe.LengthAnomaly is not SpiffeIdError.None and var anomaly)
        {
            // Valid by go-spiffe's rules, but longer than any conforming issuer makes (SPIFFE-ID §2): suspicious.
            context.Add(BuiltInSignatures.CallerNotSpiffe, Detail(anomaly.ToString(), uri));
        }

        caller.IsKnown = true;
        if (!IsTrusted(uri[caller.Spiffe.TrustDomain]))
        {
            context.Add(BuiltInSignatures.ForeignTrustDomain, InspectionContext.EvidenceText(uri, _maxEvidence));
        }

        if (!caller.Spiffe.IsIstio)
        {
            context.Add(BuiltInSignatures.CallerNotIstioForm, InspectionContext.EvidenceText(uri, _maxEvidence));
        }
    }

    private void InspectCallee(MirroredRequest request, InspectionContext context)
    {
        ref var callee = ref context.Callee;
        ReadOnlySpan<byte> authority;
        if (request.TargetForm == RequestTargetForm.Absolute && TryFindTargetAuthority(request.Target, out var start, out var length))
        {
            callee.FromTarget = true;
            callee.TargetAuthorityStart = start;
            callee.TargetAuthorityLength = length;
            authority = request.Target.Slice(start, length);
        }
        else
        {
            authority = request.GetHeader(KnownHeader.Host);
        }

        if (!AuthorityParser.TryParse(authority, out callee.Authority))
        {
            context.Add(BuiltInSignatures.CalleeUnknown, InspectionContext.EvidenceText(authority, _maxEvidence));
            return;
        }

        callee.IsKnown = true;
        if (callee.Authority.IsIpLiteral)
        {
            return;
        }

        var service = authority[callee.Authority.Service];
        var ns = callee.Namespace(request, context.Caller);
        if (Ascii.EqualsIgnoreCase(service, _sinkService) && Ascii.EqualsIgnoreCase(ns, _sinkNamespace))
        {
            context.Add(BuiltInSignatures.DirectAccess, InspectionContext.EvidenceText(authority, _maxEvidence));
        }
    }

    private bool IsTrusted(ReadOnlySpan<byte> trustDomain)
    {
        foreach (var trusted in _trustDomains)
        {
            if (trustDomain.SequenceEqual(trusted))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds the authority of an absolute-form target: after <c>scheme://</c> and any userinfo, up to <c>/ ? #</c>.</summary>
    internal static bool TryFindTargetAuthority(ReadOnlySpan<byte> target, out int start, out int length)
    {
        start = length = 0;
        var scheme = target.IndexOf("://"u8);
        if (scheme <= 0)
        {
            return false;
        }

        start = scheme + 3;
        var rest = target[start..];
        var end = rest.IndexOfAny("/?#"u8);
        var authority = end < 0 ? rest : rest[..end];
        var at = authority.LastIndexOf((byte)'@');
        if (at >= 0)
        {
            start += at + 1;
            authority = authority[(at + 1)..];
        }

        length = authority.Length;
        return length > 0;
    }

    private string Detail(string what, ReadOnlySpan<byte> value)
        => what + ": " + InspectionContext.EvidenceText(value, _maxEvidence);
}
