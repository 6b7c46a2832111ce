using System.Runtime.CompilerServices;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// The attack category of every rule of one compiled set, and how the rules of a category rank against each other,
/// worked out once per set (off the request path) so that collapsing a request's matches is array lookups.
/// </summary>
/// <remarks>
/// <para>
/// The category is the rule's <c>metadata: ewids_family …</c> value (<c>sqli</c>, <c>xss</c>, <c>lfi</c>, …), which every
/// shipped rule carries. It is NOT <see cref="Core.Findings.SignatureInfo.Category"/>: that is Suricata's classtype
/// text ("Web Application Attack"), shared by SQL injection, XSS, traversal and most other shipped rules, so collapsing
/// on it would hide an XSS behind an SQL injection in the same request. A rule without <c>ewids_family</c> (a local or
/// third-party rule) is a category of its own and never collapses: for rules we did not write we keep Suricata's
/// behaviour, one alert per sid, rather than guess which of them describe the same attack.
/// </para>
/// <para>
/// Rank, best first: the alert severity (from <c>priority</c> or the classtype's priority; 1 is most severe), then
/// ET's <c>signature_severity</c> metadata (critical, major, minor, informational; absent after those), then the
/// lowest sid. The last tie-break is arbitrary but stable across reloads and replicas, so the same attack raises the
/// same sid everywhere; the shipped rule files give each rule's first (URI) variant the lowest sid of its block.
/// </para>
/// </remarks>
public sealed class SignatureCategories
{
    /// <summary>The metadata key that names a rule's attack category.</summary>
    public const string CategoryKey = "ewids_family";

    /// <summary>ET's metadata key for how bad a match is.</summary>
    public const string SeverityKey = "signature_severity";

    private static readonly ConditionalWeakTable<CompiledSignatureSet, SignatureCategories> s_bySet = [];

    private readonly int[] _category;
    private readonly long[] _rank;
    private readonly string[] _names;

    private SignatureCategories(CompiledSignatureSet set)
    {
        var count = set.Count;
        _category = new int[count];
        _rank = new long[count];
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var signature = set.Signatures[i];
            string? category = null;
            var metadataSeverity = 4;
            foreach (var (key, value) in signature.Config.Metadata)
            {
                if (category is null && key.Equals(CategoryKey, StringComparison.OrdinalIgnoreCase) && value.Length > 0)
                {
                    category = value;
                }
                else if (key.Equals(SeverityKey, StringComparison.OrdinalIgnoreCase))
                {
                    metadataSeverity = Math.Min(metadataSeverity, SeverityRank(value));
                }
            }

            if (category is null)
            {
                _category[i] = -1;
            }
            else if (!ids.TryGetValue(category, out _category[i]))
            {
                _category[i] = names.Count;
                ids.Add(category, names.Count);
                names.Add(category.ToLowerInvariant());
            }

            // One comparable number: severity (1..4), then metadata severity (0..4), then sid (non-negative int).
            _rank[i] = ((long)signature.Info.Severity << 40) | ((long)metadataSeverity << 32) | (uint)signature.Sid;
        }

        _names = [.. names];
    }

    /// <summary>The categories of <paramref name="set"/>, computed on first use and shared by every worker.</summary>
    public static SignatureCategories For(CompiledSignatureSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return s_bySet.GetValue(set, static s => new SignatureCategories(s));
    }

    /// <summary>The category id of the rule at <paramref name="index"/>, or -1 when it has none (it never collapses).</summary>
    public int CategoryOf(int index) => _category[index];

    /// <summary>The category's name as written in the rules (lower case), e.g. <c>sqli</c>.</summary>
    public string Name(int category) => _names[category];

    /// <summary>Orders rules of one category: lower is better (wins the collapsed finding).</summary>
    public long RankOf(int index) => _rank[index];

    private static int SeverityRank(string value) => value.ToLowerInvariant() switch
    {
        "critical" => 0,
        "major" => 1,
        "minor" => 2,
        "informational" => 3,
        _ => 4,
    };
}
