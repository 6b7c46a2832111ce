using System.Text;
using System.Text.RegularExpressions;

namespace EastWestIds.Storage.Redaction;

/// <summary>
/// Finds the secrets in one text (as <see cref="Replacement"/>s) and applies them, moving a protected span
/// (the evidence's matched bytes) with the text. The rules:
/// <list type="bullet">
/// <item>Credential headers lose their value; the header name stays, and so do the auth scheme (<c>Bearer</c>,
/// <c>Basic</c>), cookie names and <c>Set-Cookie</c> attributes, which say what kind of credential it was.</item>
/// <item>Well-known secret query/form parameters and secret-named JSON members lose their value, keeping the name.</item>
/// <item>A JWT keeps its header (alg, typ, kid: not secret, and <c>alg: none</c> or a strange <c>kid</c> is exactly
/// the evidence of a token attack) and loses its payload (claims: identities, e-mail addresses, scopes) and its
/// signature (what makes the token replayable). An empty signature stays empty: it shows an unsigned token.</item>
/// </list>
/// The matched span of the evidence is not redacted by the header/parameter rules (those are cut around it), because
/// the matched bytes are the attack an analyst must see, e.g. an injection inside a cookie value; JWT payloads and
/// signatures are cut even there. A rule that matches a secret itself therefore keeps it: write such rules narrowly.
/// </summary>
internal static class TextRedaction
{
    /// <summary>Adds replacements for secret parameters, secret JSON members and JWTs anywhere in <paramref name="text"/>.</summary>
    public static void FindGeneric(string text, int baseOffset, List<Replacement> found)
    {
        if (text.Length == 0)
        {
            return;
        }

        foreach (Match m in SecretPatterns.SecretParameter().Matches(text))
        {
            var v = m.Groups["v"];
            found.Add(new Replacement(baseOffset + v.Index, v.Length, RedactionMarkers.Value));
        }

        foreach (Match m in SecretPatterns.SecretJsonMember().Matches(text))
        {
            var v = m.Groups["v"];
            found.Add(new Replacement(baseOffset + v.Index, v.Length, RedactionMarkers.Value));
        }

        FindJwts(text, baseOffset, found);
    }

    private static void FindJwts(string text, int baseOffset, List<Replacement> found)
    {
        if (!text.Contains("eyJ", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match m in SecretPatterns.Jwt().Matches(text))
        {
            AddJwt(m, baseOffset, found);
        }
    }

    private static void AddJwt(Match m, int baseOffset, List<Replacement> found)
    {
        var payload = m.Groups["p"];
        var signature = m.Groups["s"];
        found.Add(new Replacement(baseOffset + payload.Index, payload.Length, RedactionMarkers.JwtPayload, InsideEvidence: true));
        if (signature.Length > 0)
        {
            found.Add(new Replacement(baseOffset + signature.Index, signature.Length, RedactionMarkers.JwtSignature, InsideEvidence: true));
        }
    }

    /// <summary>Adds the replacements for one header value: the credential rules for credential headers, the generic ones otherwise.</summary>
    public static void FindInHeader(string name, string value, int baseOffset, List<Replacement> found)
    {
        if (!SecretPatterns.IsCredentialHeader(name))
        {
            FindGeneric(value, baseOffset, found);
            return;
        }

        if (name.Equals("cookie", StringComparison.OrdinalIgnoreCase))
        {
            FindCookieValues(value, baseOffset, found, firstOnly: false);
        }
        else if (name.Equals("set-cookie", StringComparison.OrdinalIgnoreCase))
        {
            FindCookieValues(value, baseOffset, found, firstOnly: true);
        }
        else if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("proxy-authorization", StringComparison.OrdinalIgnoreCase))
        {
            // "Bearer xyz", "Basic dXNlcjpwYXNz": keep the scheme, cut the credentials.
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            var start = space > 0 ? space : 0;
            while (start < value.Length && value[start] == ' ')
            {
                start++;
            }

            FindCredential(value, start, value.Length - start, baseOffset, found);
        }
        else
        {
            FindCredential(value, 0, value.Length, baseOffset, found);
        }
    }

    /// <summary>Adds the replacement for one cookie's value on its own (<c>http.cookie_value</c>): all of it is the credential.</summary>
    public static void FindInCookieValue(string value, int baseOffset, List<Replacement> found) =>
        FindCredential(value, 0, value.Length, baseOffset, found);

    /// <summary>A whole credential: JWT-aware (header kept), else the whole value.</summary>
    private static void FindCredential(string text, int start, int length, int baseOffset, List<Replacement> found)
    {
        if (length <= 0)
        {
            return;
        }

        var jwt = SecretPatterns.Jwt().Match(text, start, length);
        if (jwt.Success && jwt.Index == start && jwt.Length == length)
        {
            AddJwt(jwt, baseOffset, found);
            return;
        }

        found.Add(new Replacement(baseOffset + start, length, RedactionMarkers.Value));
    }

    private static void FindCookieValues(string value, int baseOffset, List<Replacement> found, bool firstOnly)
    {
        var position = 0;
        while (position < value.Length)
        {
            var end = value.IndexOf(';', position);
            if (end < 0)
            {
                end = value.Length;
            }

            var eq = value.IndexOf('=', position, end - position);
            if (eq >= 0 && eq + 1 < end)
            {
                FindCredential(value, eq + 1, end - eq - 1, baseOffset, found);
            }
            else if (eq < 0 && end > position && value.AsSpan(position, end - position).Trim().Length > 0 && !firstOnly)
            {
                // A bare cookie without '=' is a value with an empty name (RFC 6265 §5.2 parsing): cut it too.
                found.Add(new Replacement(baseOffset + position, end - position, RedactionMarkers.Value));
            }

            if (firstOnly)
            {
                return;
            }

            position = end + 1;
        }
    }

    /// <summary>Adds the replacements for a header block (<c>Name: value</c> lines), as in Suricata's <c>http.header</c> buffer.</summary>
    public static void FindInHeaderBlock(string block, List<Replacement> found)
    {
        var any = false;
        foreach (Match line in SecretPatterns.HeaderLine().Matches(block))
        {
            any = true;
            var v = line.Groups["v"];
            FindInHeader(line.Groups["n"].Value, v.Value, v.Index, found);
        }

        if (!any)
        {
            FindGeneric(block, 0, found);
        }
    }

    /// <summary>
    /// Applies <paramref name="found"/> to <paramref name="text"/>. Replacements are taken in order and one that overlaps
    /// an earlier one is skipped. When <paramref name="protectedStart"/>/<paramref name="protectedLength"/> is given, the
    /// header/parameter replacements are cut around that span, and the span's new position is returned.
    /// </summary>
    public static string Apply(string text, List<Replacement> found, int protectedStart, int protectedLength, out int newStart, out int newLength)
    {
        newStart = protectedStart;
        newLength = protectedLength;
        if (found.Count == 0)
        {
            return text;
        }

        var effective = Normalize(found, protectedStart, protectedLength);
        var builder = new StringBuilder(text.Length + 32);
        var position = 0;
        foreach (var r in effective)
        {
            builder.Append(text, position, r.Start - position).Append(r.Text);
            position = r.End;
        }

        builder.Append(text, position, text.Length - position);
        if (protectedLength >= 0 && protectedStart >= 0)
        {
            var start = Map(effective, protectedStart, atEnd: false);
            var end = Map(effective, protectedStart + protectedLength, atEnd: true);
            newStart = start;
            newLength = Math.Max(0, end - start);
        }

        return builder.ToString();
    }

    public static string Apply(string text, List<Replacement> found) => Apply(text, found, -1, -1, out _, out _);

    private static List<Replacement> Normalize(List<Replacement> found, int protectedStart, int protectedLength)
    {
        var pieces = new List<Replacement>(found.Count + 2);
        var spanEnd = protectedStart + protectedLength;
        foreach (var r in found)
        {
            if (r.Length <= 0)
            {
                continue;
            }

            if (protectedLength <= 0 || protectedStart < 0 || r.InsideEvidence || r.End <= protectedStart || r.Start >= spanEnd)
            {
                pieces.Add(r);
                continue;
            }

            // Cut around the matched span: keep the attack visible, hide the rest of the secret.
            if (r.Start < protectedStart)
            {
                pieces.Add(r with { Length = protectedStart - r.Start });
            }

            if (r.End > spanEnd)
            {
                pieces.Add(r with { Start = spanEnd, Length = r.End - spanEnd });
            }
        }

        pieces.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var result = new List<Replacement>(pieces.Count);
        var lastEnd = 0;
        foreach (var r in pieces)
        {
            if (r.Start >= lastEnd)
            {
                result.Add(r);
                lastEnd = r.End;
            }
        }

        return result;
    }

    /// <summary>Where an original position lands after the replacements; inside a replacement it snaps to its start or end.</summary>
    private static int Map(List<Replacement> effective, int position, bool atEnd)
    {
        var delta = 0;
        foreach (var r in effective)
        {
            if (r.End <= position)
            {
                delta += r.Text.Length - r.Length;
                continue;
            }

            if (r.Start < position && position < r.End)
            {
                return atEnd ? r.Start + delta + r.Text.Length : r.Start + delta;
            }

            break;
        }

        return position + delta;
    }
}
