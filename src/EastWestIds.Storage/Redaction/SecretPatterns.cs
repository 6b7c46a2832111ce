using System.Text.RegularExpressions;

namespace EastWestIds.Storage.Redaction;

/// <summary>
/// Where secrets hide in HTTP text, and how each is cut out. Finds only; <see cref="TextRedaction"/> applies.
/// The regular expressions have no nested quantifiers (linear on attacker text) and run on bounded excerpts.
/// </summary>
internal static partial class SecretPatterns
{
    /// <summary>Headers whose whole value is a credential. Names compare case-insensitively.</summary>
    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "apikey",
        "x-auth-token", "x-access-token", "x-amz-security-token", "x-csrf-token", "x-xsrf-token", "x-goog-iap-jwt-assertion",
        "x-vault-token", "private-token", "x-functions-key",
    };

    // Name fragments that make any header a credential (x-my-api-key, x-session-token, x-client-secret…). Not "auth":
    // it would catch ":authority".
    private static readonly string[] CredentialNameFragments = ["token", "secret", "passw", "apikey", "api-key", "api_key", "credential", "session"];

    public static bool IsCredentialHeader(string name)
    {
        if (CredentialHeaders.Contains(name))
        {
            return true;
        }

        foreach (var fragment in CredentialNameFragments)
        {
            if (name.Contains(fragment, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private const string SecretParameterNames =
        "access_token|id_token|refresh_token|token|auth_token|api_key|apikey|api-key|key|password|passwd|pwd|pass|secret|client_secret"
        + "|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|code|jwt|session|sessionid|sid_token";

    /// <summary><c>name=value</c> of a well-known secret parameter in a query string or form body; group <c>v</c> is the value.</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-])(?:" + SecretParameterNames + @")=(?<v>[^&#\s""'<>;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex SecretParameter();

    /// <summary><c>"name": "value"</c> of a secret-named JSON member; group <c>v</c> is the value (escapes included).</summary>
    /// Not the parameter list: EVE's own <c>"signature"</c> member is the rule message.
    [GeneratedRegex(@"""(?:api_key|apikey|api-key|passwd|pwd|jwt|[A-Za-z_\-]*(?:token|secret|password)[A-Za-z_\-]*)""\s*:\s*""(?<v>(?:[^""\\]|\\.)+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex SecretJsonMember();

    /// <summary>A JWT (JWS compact form): header and payload are base64url JSON objects, so both start with <c>eyJ</c>.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.(?<p>eyJ[A-Za-z0-9_\-]*)\.(?<s>[A-Za-z0-9_\-]*)", RegexOptions.CultureInvariant)]
    public static partial Regex Jwt();

    /// <summary>A <c>Name: value</c> line of a header block; groups <c>n</c> and <c>v</c>.</summary>
    [GeneratedRegex(@"^(?<n>[!#$%&'*+\-.^_`|~0-9A-Za-z]+)[ \t]*:[ \t]*(?<v>[^\r\n]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    public static partial Regex HeaderLine();

    /// <summary>A <c>"name":"…","value":"…"</c> header pair as EVE writes <c>request_headers</c>; groups <c>n</c> and <c>v</c>.</summary>
    [GeneratedRegex(@"""name""\s*:\s*""(?<n>[^""\\]*)""\s*,\s*""value""\s*:\s*""(?<v>(?:[^""\\]|\\.)*)""", RegexOptions.CultureInvariant)]
    public static partial Regex EveHeaderPair();
}
