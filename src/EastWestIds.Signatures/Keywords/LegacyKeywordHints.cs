using System.Collections.Frozen;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// Suricata's pre-5.0 content modifiers (<c>content:"x"; http_uri;</c>) and old buffer names are not supported:
/// they move the content <em>before</em> them into a buffer, the opposite of sticky buffers, and mixing both forms
/// is where rule mistakes hide. An unknown-keyword error for one of these names says what to write instead.
/// </summary>
internal static class LegacyKeywordHints
{
    private static readonly FrozenDictionary<string, string> Replacements = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["http_uri"] = "http.uri",
        ["http_raw_uri"] = "http.uri.raw",
        ["uricontent"] = "http.uri; content",
        ["http_header"] = "http.header",
        ["http_raw_header"] = "http.header.raw",
        ["http_header_names"] = "http.header_names",
        ["http_cookie"] = "http.cookie",
        ["http_user_agent"] = "http.user_agent",
        ["http_host"] = "http.host",
        ["http_raw_host"] = "http.host.raw",
        ["http_accept"] = "http.accept",
        ["http_accept_enc"] = "http.accept_enc",
        ["http_accept_lang"] = "http.accept_lang",
        ["http_connection"] = "http.connection",
        ["http_content_len"] = "http.content_len",
        ["http_start"] = "http.start",
        ["http_protocol"] = "http.protocol",
        ["http_method"] = "http.method",
        ["http_client_body"] = "http.request_body",
        ["http_request_line"] = "http.request_line",
        ["http_referer"] = "http.referer",
        ["http_content_type"] = "http.content_type",
        ["file_data"] = "file.data",
        ["filename"] = "file.name",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The message for an unknown keyword, with the sticky-buffer replacement when <paramref name="name"/> is a legacy name.</summary>
    public static string UnknownKeywordMessage(string name) =>
        Replacements.TryGetValue(name, out string? replacement)
            ? $"unknown keyword '{name}': legacy content modifiers are not supported; write the sticky buffer '{replacement}' before the content"
            : $"unknown keyword '{name}'";
}
