using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>requestPrincipals</c> / <c>request.auth.principal</c>: <c>iss/sub</c> of a validated JWT, the value split at
/// its last <c>/</c> (issuers are often URLs); <c>*</c> = any token; a leading <c>*</c> is a suffix on the issuer (or
/// on the subject when there is no <c>/</c>), a trailing <c>*</c> a prefix on the subject (or the issuer). Without a
/// validated token nothing matches, so <c>notRequestPrincipals</c> holds (MESH-SEMANTICS §4 item 8).
/// </summary>
internal sealed class RequestPrincipalMatcher : AttributeMatcher
{
    private readonly string _value;
    private readonly StringPattern _issuer;
    private readonly StringPattern _subject;

    public RequestPrincipalMatcher(string value)
    {
        _value = value;
        int slash = value.LastIndexOf('/');
        bool found = slash >= 0;
        string iss = found ? value[..slash] : value;
        string sub = found ? value[(slash + 1)..] : "";
        if (value == "*")
        {
            (_issuer, _subject) = (Any(), Any());
        }
        else if (value.StartsWith('*'))
        {
            _issuer = found ? (iss == "*" ? Any() : StringPattern.Parse(iss)) : Any();
            _subject = found ? Exact(sub) : StringPattern.Parse(value);
        }
        else if (value.EndsWith('*'))
        {
            _issuer = found ? Exact(iss) : StringPattern.Parse(value);
            _subject = found ? (sub == "*" ? Any() : StringPattern.Parse(sub)) : Any();
        }
        else
        {
            (_issuer, _subject) = (Exact(iss), Exact(sub));
        }
    }

    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        if (request.Claims is not { } claims)
        {
            if (request.HasUnvalidatedToken)
            {
                unknowns |= AuthzUnknowns.RequestAuth;
            }

            return false;
        }

        return _issuer.Matches(claims.Issuer.Span) && _subject.Matches(claims.Subject.Span);
    }

    public override string ToString() => _value;

    private static StringPattern Any() => StringPattern.Parse("*");

    private static StringPattern Exact(string text) => StringPattern.Literal(text);
}
