using System.Text;
using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>request.headers[name]</c>: name case-insensitive; <c>*</c> = present (even empty); otherwise a case-sensitive
/// match on the value, duplicates joined with <c>,</c>. <c>:authority</c>, <c>:method</c> and <c>:path</c> read the
/// request itself. Envoy keeps Host only as <c>:authority</c>, so <c>request.headers[host]</c> finds nothing
/// (MESH-SEMANTICS §3.5; not confirmed by an upstream test).
/// </summary>
internal sealed class HeaderMatcher : AttributeMatcher
{
    private readonly string _name;
    private readonly byte[] _lowerName;
    private readonly StringPattern _pattern;
    private readonly Pseudo _pseudo;

    public HeaderMatcher(string name, string value)
    {
        _name = name;
        _lowerName = Encoding.ASCII.GetBytes(name.ToLowerInvariant());
        _pattern = StringPattern.Parse(value, starIsPresence: true);
        _pseudo = name.ToLowerInvariant() switch
        {
            ":authority" => Pseudo.Authority,
            ":method" => Pseudo.Method,
            ":path" => Pseudo.Path,
            "host" => Pseudo.Host,
            _ => Pseudo.None,
        };
    }

    private enum Pseudo
    {
        None,
        Authority,
        Method,
        Path,
        Host,
    }

    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        switch (_pseudo)
        {
            case Pseudo.Authority:
                return _pattern.Matches(request.Host);
            case Pseudo.Method:
                return _pattern.Matches(request.Method);
            case Pseudo.Path:
                return _pattern.Matches(request.Path);
            case Pseudo.Host:
                return false;
        }

        return request.Headers is { } headers && headers.TryGetValue(_lowerName, out var value) && _pattern.Matches(value);
    }

    public override string ToString() => $"{_name}: {_pattern}";
}
