using System.Collections.Immutable;
using System.Text;

namespace EastWestIds.Policy.Requests;

/// <summary>
/// The claims of a JWT already validated (by RequestAuthentication, or by the IDS itself): what
/// <c>requestPrincipals</c> and <c>request.auth.*</c> see. Claims named in <see cref="SpaceDelimitedClaims"/>
/// (always <c>scope</c> and <c>permission</c>) that hold a string are split on spaces into a list, as Envoy's
/// <c>jwt_authn</c> does before matching (MESH-SEMANTICS §3.5).
/// </summary>
public sealed class RequestClaims
{
    /// <summary>Claims split on spaces even when RequestAuthentication does not list them.</summary>
    public static readonly ImmutableArray<string> AlwaysSpaceDelimited = ["scope", "permission"];

    private readonly ClaimNode _root;

    /// <summary>Builds the claims from a JSON-like tree: string, number, bool, list and map values.</summary>
    /// <param name="issuer">The <c>iss</c>.</param>
    /// <param name="subject">The <c>sub</c>.</param>
    /// <param name="payload">The payload (string keys; values string, bool, number, <see cref="IEnumerable{T}"/> or dictionary).</param>
    /// <param name="spaceDelimitedClaims">Extra top-level claims to split on spaces.</param>
    public RequestClaims(string issuer, string subject, IReadOnlyDictionary<string, object?> payload, IEnumerable<string>? spaceDelimitedClaims = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Issuer = Encoding.UTF8.GetBytes(issuer ?? "");
        Subject = Encoding.UTF8.GetBytes(subject ?? "");
        SpaceDelimitedClaims = [.. AlwaysSpaceDelimited.Concat(spaceDelimitedClaims ?? []).Distinct(StringComparer.Ordinal)];
        var children = new Dictionary<string, ClaimNode>(StringComparer.Ordinal);
        foreach (var (key, value) in payload)
        {
            children[key] = ClaimNode.From(value, SpaceDelimitedClaims.Contains(key));
        }

        _root = new ClaimNode(null, [], children);
    }

    /// <summary>The issuer, UTF-8.</summary>
    public ReadOnlyMemory<byte> Issuer { get; }

    /// <summary>The subject, UTF-8.</summary>
    public ReadOnlyMemory<byte> Subject { get; }

    /// <summary>The top-level claims split on spaces.</summary>
    public ImmutableArray<string> SpaceDelimitedClaims { get; }

    /// <summary>The node at <paramref name="path"/> (nested claim names), or null.</summary>
    internal ClaimNode? Find(ImmutableArray<string> path)
    {
        var node = _root;
        foreach (var name in path)
        {
            if (node.Children is null || !node.Children.TryGetValue(name, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }
}

/// <summary>One claim value: a string, a list (its string elements), or a map of nested claims.</summary>
internal sealed class ClaimNode(byte[]? text, ImmutableArray<byte[]> list, Dictionary<string, ClaimNode>? children)
{
    public byte[]? Text { get; } = text;

    public ImmutableArray<byte[]> List { get; } = list;

    public Dictionary<string, ClaimNode>? Children { get; } = children;

    public static ClaimNode From(object? value, bool spaceDelimited)
    {
        switch (value)
        {
            case string s when spaceDelimited:
                return new ClaimNode(null, [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes)], null);
            case string s:
                return new ClaimNode(Encoding.UTF8.GetBytes(s), [], null);
            case IReadOnlyDictionary<string, object?> map:
                return new ClaimNode(null, [], map.ToDictionary(p => p.Key, p => From(p.Value, false), StringComparer.Ordinal));
            case System.Collections.IEnumerable items:
                // a list claim matches when any string element matches; other elements cannot match a string
                return new ClaimNode(null, [.. items.OfType<string>().Select(Encoding.UTF8.GetBytes)], null);
            default:
                // numbers and booleans: Envoy's string matchers never match them
                return new ClaimNode(null, [], null);
        }
    }
}
