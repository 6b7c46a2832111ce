namespace EastWestIds.Identity.Xfcc;

/// <summary>
/// One XFCC element as strings (allocating): for tests, the UI and evidence. Values are unquoted and, inside quotes,
/// unescaped the way Envoy does (only <c>\"</c> → <c>"</c> and <c>\\</c> → <c>\</c>; any other backslash, such as
/// the RFC 2253 <c>\,</c> in a Subject, is kept: vectors xfcc-parse-023/024). Bare values are kept as written.
/// </summary>
/// <param name="By">Every <c>By</c> value, in order.</param>
/// <param name="Hash">The <c>Hash</c> value, or null when absent.</param>
/// <param name="Cert">The <c>Cert</c> value (URL-encoded PEM, not decoded), or null.</param>
/// <param name="Chain">The <c>Chain</c> value (URL-encoded PEM, not decoded), or null.</param>
/// <param name="Subject">The <c>Subject</c> value (DN not parsed), or null; <c>""</c> for <c>Subject=""</c>.</param>
/// <param name="Uri">Every non-empty <c>URI</c> (and legacy <c>SAN</c>) value, in order; <c>URI=</c> means absent.</param>
/// <param name="Dns">Every <c>DNS</c> value, in order.</param>
/// <param name="UsesLegacySan">The element used the legacy <c>SAN</c> key.</param>
public sealed record XfccElement(
    IReadOnlyList<string> By,
    string? Hash,
    string? Cert,
    string? Chain,
    string? Subject,
    IReadOnlyList<string> Uri,
    IReadOnlyList<string> Dns,
    bool UsesLegacySan)
{
    /// <summary>The single URI when there is exactly one, else null (zero or several URIs is an identity anomaly).</summary>
    public string? SingleUri => Uri.Count == 1 ? Uri[0] : null;
}
