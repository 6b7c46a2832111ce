using System.Text;
using EastWestIds.Core.Findings;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// Per-worker scratch for one request at a time: what the stages worked out and the findings they raised.
/// Reset, never reallocated, between requests.
/// </summary>
public sealed class InspectionContext
{
    private readonly List<Finding> _findings = new(8);

    public CallerIdentity Caller;
    public CalleeIdentity Callee;

    /// <summary>The AuthorizationPolicy verdict, when the policy stage ran and could judge.</summary>
    public Authorization.PolicyOutcome Policy;

    public IReadOnlyList<Finding> Findings => _findings;

    public void Reset()
    {
        _findings.Clear();
        Caller.Reset();
        Callee.Reset();
        Policy.Reset();
    }

    public void Add(SignatureInfo signature, string? detail) => _findings.Add(new Finding(signature, detail));

    /// <summary>Adds a finding as it is (the signature stage's collapsed findings carry their related matches).</summary>
    public void Add(in Finding finding) => _findings.Add(finding);

    /// <summary>
    /// A capped, printable copy of attacker bytes for an alert (the rare path, so a string is fine).
    /// Decodes up to <paramref name="maxBytes"/> as UTF-8 (invalid sequences become U+FFFD) and marks a cut with
    /// an ellipsis. Output encoders (JSON, HTML) escape it again; this only bounds it and makes it text.
    /// </summary>
    public static string EvidenceText(ReadOnlySpan<byte> value, int maxBytes)
    {
        var cut = value.Length > maxBytes;
        var text = Encoding.UTF8.GetString(cut ? value[..maxBytes] : value);
        return cut ? text + "…" : text;
    }
}
