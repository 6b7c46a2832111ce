using System.Collections.Concurrent;
using EastWestIds.Core.Findings;
using Prometheus;

namespace EastWestIds.Engine.Telemetry;

/// <summary>
/// <c>eastwestids_signature_matches_total{sid, category}</c>: matches per signature of the requests that raised an
/// alert, counting the sids folded into another rule's alert (one alert per attack category) too, because rule
/// authors tune by sid. The labels come from
/// the <see cref="SignatureInfo"/> of a loaded rule or a built-in finding, never from request bytes, so they are a
/// closed set (DESIGN.md "Metrics"). The child is resolved once per sid and cached, so counting a match after the
/// first for that sid is a dictionary lookup by int and an interlocked add: no allocation.
/// </summary>
public sealed class SignatureMatchCounter
{
    private readonly Counter _matches;

    // Keyed by sid; the category is kept beside the child because a reload may give a sid another classtype.
    private readonly ConcurrentDictionary<int, (string Category, Counter.Child Child)> _children = new();

    public SignatureMatchCounter(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _matches = factory.CreateCounter(
            "eastwestids_signature_matches_total",
            "Signature matches in alerted requests, by signature id and category (the rule's classtype; the finding family when it has none), including sids folded into another rule's alert.",
            ["sid", "category"]);
    }

    /// <summary>The category label of a signature: its classtype, or its finding family when it has no classtype.</summary>
    public static string Category(SignatureInfo signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return string.IsNullOrEmpty(signature.ClassType) ? signature.Family.Label() : signature.ClassType;
    }

    public void Matched(SignatureInfo signature)
    {
        var category = Category(signature);
        if (!_children.TryGetValue(signature.Sid, out var cached) || !string.Equals(cached.Category, category, StringComparison.Ordinal))
        {
            cached = Resolve(signature.Sid, category);
        }

        cached.Child.Inc();
    }

    // Rare: the first match of a sid, or its first after a reload changed its classtype.
    private (string Category, Counter.Child Child) Resolve(int sid, string category)
    {
        var entry = (category, _matches.WithLabels(sid.ToString(System.Globalization.CultureInfo.InvariantCulture), category));
        _children[sid] = entry;
        return entry;
    }
}
