using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.WebUi;

/// <summary>
/// The security headers every UI response carries. The UI renders attacker-controlled text (paths, headers, bodies,
/// rule matches) all day, so the page is built to make an injection inert twice over: the scripts only ever create
/// text nodes, and this policy would refuse to run anything an injection slipped in anyway.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>default-src 'self'</c> and no <c>'unsafe-inline'</c>/<c>'unsafe-eval'</c>: inline scripts, event-handler
/// attributes, <c>javascript:</c> URLs and <c>eval</c> do not run; only our own files load.</item>
/// <item><c>require-trusted-types-for 'script'</c> with no policy allowed: in Chromium an <c>innerHTML</c> assignment
/// with a string throws instead of parsing markup — a regression in our own code fails loudly in the browser tests.</item>
/// <item><c>frame-ancestors 'none'</c> (and <c>X-Frame-Options</c> for old browsers): no click-jacking of the triage
/// and suppress buttons. <c>form-action 'none'</c>, <c>base-uri 'none'</c>: forms post through fetch only, and an
/// injected <c>&lt;base&gt;</c> could not redirect our relative URLs.</item>
/// <item><c>nosniff</c>: a JSON or text response is never read as HTML or script.</item>
/// <item><c>Referrer-Policy: no-referrer</c>: alert URLs (ids, filters with principals) do not leak to other sites.</item>
/// </list>
/// </remarks>
internal static class WebUiHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'; trusted-types 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // Revalidate every time (a 304 is cheap): an upgraded binary must never run with last version's scripts.
        headers.CacheControl = "no-cache";
    }
}
