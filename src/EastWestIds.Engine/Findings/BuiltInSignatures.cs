using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Engine.Findings;

/// <summary>
/// The findings the engine raises itself, without a rule file. Their sids live in documented ranges that
/// shipped and local signatures never use: 9100000–9199999 protocol, 9200000–9299999 identity,
/// 9300000–9399999 access and policy (README "Alert format"). Category texts are Suricata's classtype descriptions.
/// </summary>
public static class BuiltInSignatures
{
    private const string Decode = "protocol-command-decode";
    private const string DecodeText = "Generic Protocol Command Decode";
    private const string BadUnknown = "bad-unknown";
    private const string BadUnknownText = "Potentially Bad Traffic";
    private const string Policy = "policy-violation";
    private const string PolicyText = "Potential Corporate Privacy Violation";
    private const string WebAttack = "web-application-attack";
    private const string WebAttackText = "Web Application Attack";
    private const string DoS = "attempted-dos";
    private const string DoSText = "Attempted Denial of Service";

    // Protocol: malformed HTTP. Well-behaved sidecars never send any of it, so each is itself a signal.
    public static readonly SignatureInfo MalformedRequestLine = Protocol(9100001, "EWIDS HTTP malformed request line", Severity.Medium);
    public static readonly SignatureInfo UnsupportedVersion = Protocol(9100002, "EWIDS HTTP unsupported protocol version", Severity.Low);
    public static readonly SignatureInfo MalformedHeader = Protocol(9100003, "EWIDS HTTP malformed header field", Severity.Medium);
    public static readonly SignatureInfo HostHeaderInvalid = Protocol(9100004, "EWIDS HTTP missing or repeated Host header", Severity.Medium);
    public static readonly SignatureInfo InvalidContentLength = Protocol(9100005, "EWIDS HTTP invalid Content-Length", Severity.Medium);
    public static readonly SignatureInfo MalformedChunkedBody = Protocol(9100006, "EWIDS HTTP malformed chunked body", Severity.Medium);
    public static readonly SignatureInfo SmugglingClAndTe = Smuggling(9100010, "EWIDS HTTP request smuggling: both Content-Length and Transfer-Encoding");
    public static readonly SignatureInfo SmugglingConflictingCl = Smuggling(9100011, "EWIDS HTTP request smuggling: conflicting Content-Length values");
    public static readonly SignatureInfo SmugglingObfuscatedTe = Smuggling(9100012, "EWIDS HTTP request smuggling: obfuscated Transfer-Encoding");
    public static readonly SignatureInfo SmugglingLineEndings = Smuggling(9100013, "EWIDS HTTP request smuggling: bare LF or obsolete line folding");
    public static readonly SignatureInfo RequestLineTooLong = Oversize(9100020, "EWIDS HTTP request line over the limit");
    public static readonly SignatureInfo HeadersTooLarge = Oversize(9100021, "EWIDS HTTP header block over the limit");
    public static readonly SignatureInfo TooManyHeaders = Oversize(9100022, "EWIDS HTTP too many header fields");
    public static readonly SignatureInfo TrailersTooLarge = Oversize(9100023, "EWIDS HTTP chunked trailers over the limit");
    public static readonly SignatureInfo SlowHead = new(9100030, 1, "EWIDS HTTP request head not completed within the header timeout", DoS, DoSText, Severity.Low, FindingFamily.Protocol);
    public static readonly SignatureInfo StalledBody = new(9100031, 1, "EWIDS HTTP request body stalled past the idle timeout", DoS, DoSText, Severity.Low, FindingFamily.Protocol);

    // Identity: who is calling, per the last XFCC element (MESH-SEMANTICS §2.5).
    public static readonly SignatureInfo XfccMissing = Identity(9200001, "EWIDS identity: no x-forwarded-client-cert (not mTLS, or the sink has no sidecar)", Severity.Medium);
    public static readonly SignatureInfo XfccSeveralElements = Identity(9200002, "EWIDS identity: x-forwarded-client-cert carries relayed elements", Severity.Medium);
    public static readonly SignatureInfo XfccMalformed = Identity(9200003, "EWIDS identity: malformed x-forwarded-client-cert", Severity.High);
    public static readonly SignatureInfo CallerNotSpiffe = Identity(9200004, "EWIDS identity: caller URI is not a valid workload SPIFFE ID", Severity.High);
    public static readonly SignatureInfo ForeignTrustDomain = Identity(9200005, "EWIDS identity: caller from an untrusted trust domain", Severity.High);
    public static readonly SignatureInfo ByMismatch = Identity(9200006, "EWIDS identity: x-forwarded-client-cert By is not the sink's identity", Severity.High);
    public static readonly SignatureInfo CallerUriMissing = Identity(9200007, "EWIDS identity: peer certificate without a URI SAN", Severity.Medium);
    public static readonly SignatureInfo CallerSeveralUris = Identity(9200008, "EWIDS identity: peer certificate with several URI SANs", Severity.High);
    public static readonly SignatureInfo XfccLegacySan = Identity(9200009, "EWIDS identity: x-forwarded-client-cert uses the legacy SAN key", Severity.Low);
    public static readonly SignatureInfo XfccSeveralHeaders = Identity(9200010, "EWIDS identity: several x-forwarded-client-cert header fields", Severity.Medium);
    public static readonly SignatureInfo CallerNotIstioForm = Identity(9200011, "EWIDS identity: caller SPIFFE ID is not of Istio's ns/<ns>/sa/<sa> form", Severity.Low);

    // Identity cross-checks against the inventory (--objects): the caller's address and names must fit its principal.
    public static readonly SignatureInfo IdentityMismatch = Identity(9200012, "EWIDS identity: caller IP belongs to a pod of another service account", Severity.High);
    public static readonly SignatureInfo UnknownServiceAccount = Identity(9200013, "EWIDS identity: caller service account not in the inventory", Severity.Medium);
    public static readonly SignatureInfo UnknownNamespace = Identity(9200014, "EWIDS identity: caller namespace not in the inventory", Severity.Medium);

    // Access: the request did not come as a mirror.
    public static readonly SignatureInfo DirectAccess = new(9300001, 1, "EWIDS access: request addressed to the sink itself, not mirrored", Policy, PolicyText, Severity.Medium, FindingFamily.Access);
    public static readonly SignatureInfo CalleeUnknown = new(9300002, 1, "EWIDS access: Host/:authority does not name a service", BadUnknown, BadUnknownText, Severity.Low, FindingFamily.Access);

    // Policy: what the destination's AuthorizationPolicies make of the call (--objects).
    public static readonly SignatureInfo PolicyDenied = new(9300010, 2, "EWIDS policy: call denied by the destination's AuthorizationPolicy", Policy, PolicyText, Severity.High, FindingFamily.Policy);
    public static readonly SignatureInfo PolicyWouldDeny = new(9300011, 2, "EWIDS policy: call a dry-run or file-only AuthorizationPolicy would deny", Policy, PolicyText, Severity.Low, FindingFamily.Policy);
    public static readonly SignatureInfo PolicyDeniedBehindPathParameters = new(9300012, 2, "EWIDS policy: path parameters hide a path the destination's AuthorizationPolicy denies", Policy, PolicyText, Severity.High, FindingFamily.Policy);
    public static readonly SignatureInfo PolicyDeniedBehindSlashes = new(9300013, 1, "EWIDS policy: doubled or escaped slashes hide a path the destination's AuthorizationPolicy denies", Policy, PolicyText, Severity.High, FindingFamily.Policy);
    public static readonly SignatureInfo PolicyDeniedBehindLetterCase = new(9300014, 1, "EWIDS policy: letter case hides a path the destination's AuthorizationPolicy denies from case-insensitive servers", Policy, PolicyText, Severity.Medium, FindingFamily.Policy);

    // Policy: the learned baseline (--learn, --learn-for): a call shape never seen before, once per edge.
    public static readonly SignatureInfo NewEdge = new(9300020, 2, "EWIDS policy: new edge, a call not in the learned baseline", Policy, PolicyText, Severity.Low, FindingFamily.Policy);
    public static readonly SignatureInfo BaselineFull = new(9300021, 2, "EWIDS policy: baseline edge table full, further new edges are counted but not reported", Policy, PolicyText, Severity.Medium, FindingFamily.Policy);

    /// <summary>Every built-in signature, for documentation and tests.</summary>
    public static IReadOnlyList<SignatureInfo> All { get; } =
    [
        MalformedRequestLine, UnsupportedVersion, MalformedHeader, HostHeaderInvalid, InvalidContentLength, MalformedChunkedBody,
        SmugglingClAndTe, SmugglingConflictingCl, SmugglingObfuscatedTe, SmugglingLineEndings,
        RequestLineTooLong, HeadersTooLarge, TooManyHeaders, TrailersTooLarge, SlowHead, StalledBody,
        XfccMissing, XfccSeveralElements, XfccMalformed, CallerNotSpiffe, ForeignTrustDomain, ByMismatch,
        CallerUriMissing, CallerSeveralUris, XfccLegacySan, XfccSeveralHeaders, CallerNotIstioForm,
        IdentityMismatch, UnknownServiceAccount, UnknownNamespace,
        DirectAccess, CalleeUnknown, PolicyDenied, PolicyWouldDeny, PolicyDeniedBehindPathParameters, PolicyDeniedBehindSlashes, PolicyDeniedBehindLetterCase,
        NewEdge, BaselineFull,
    ];

    /// <summary>The findings of a path that the sidecar allows and some server behind it reads as a denied path.</summary>
    public static IReadOnlyList<SignatureInfo> HiddenDeniedPaths { get; } =
        [PolicyDeniedBehindPathParameters, PolicyDeniedBehindSlashes, PolicyDeniedBehindLetterCase];

    private static SignatureInfo Protocol(int sid, string message, Severity severity)
        => new(sid, 1, message, Decode, DecodeText, severity, FindingFamily.Protocol);

    private static SignatureInfo Smuggling(int sid, string message)
        => new(sid, 1, message, WebAttack, WebAttackText, Severity.High, FindingFamily.Protocol);

    private static SignatureInfo Oversize(int sid, string message)
        => new(sid, 1, message, BadUnknown, BadUnknownText, Severity.Medium, FindingFamily.Protocol);

    private static SignatureInfo Identity(int sid, string message, Severity severity)
        => new(sid, 1, message, Policy, PolicyText, severity, FindingFamily.Identity);
}
