namespace EastWestIds.Signatures.Loading;

/// <summary>Why a rule was skipped rather than loaded (see <c>RuleSkipping</c>).</summary>
public enum SkipKind
{
    /// <summary>A rule for another protocol (<c>alert tcp</c>, <c>alert dns</c>, …).</summary>
    OtherProtocol,

    /// <summary>A rule that inspects responses (<c>flow:to_client</c>, <c>http.stat_code</c>, …).</summary>
    Response,

    /// <summary>A rule that needs state across requests (<c>flowbits</c>, <c>threshold</c>, …).</summary>
    CrossRequestState,

    /// <summary>A rule that uses a Suricata keyword EastWestIds does not implement (<c>byte_test</c>, <c>base64_decode</c>, …).</summary>
    UnsupportedKeyword,
}
