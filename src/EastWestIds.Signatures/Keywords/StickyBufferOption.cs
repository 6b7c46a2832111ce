using System.Collections.Frozen;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// A sticky buffer keyword (<c>http.uri;</c>, <c>mesh.source_principal;</c>, …): every inspection keyword after it,
/// up to the next sticky buffer, looks at <see cref="Buffer"/>. The names, one per <see cref="InspectionBuffer"/>
/// member, are all listed in <see cref="Names"/>.
/// </summary>
/// <param name="Buffer">The buffer selected.</param>
/// <param name="Keyword">The keyword as registered.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record StickyBufferOption(InspectionBuffer Buffer, string Keyword, SourceLocation Location) : SignatureOption(Keyword, Location)
{
    /// <summary>Keyword name to buffer, Suricata's names plus EastWestIds' <c>http.arg*</c> (with <c>http.arg.offdomain_url</c>), <c>http.cookie_value</c>/<c>http.cookie_name</c>/<c>http.cookie_pair</c> and <c>mesh.*</c>.</summary>
    public static FrozenDictionary<string, InspectionBuffer> Names { get; } = new Dictionary<string, InspectionBuffer>
    {
        ["http.method"] = InspectionBuffer.HttpMethod,
        ["http.uri"] = InspectionBuffer.HttpUri,
        ["http.uri.raw"] = InspectionBuffer.HttpUriRaw,
        ["http.request_line"] = InspectionBuffer.HttpRequestLine,
        ["http.header"] = InspectionBuffer.HttpHeader,
        ["http.header.raw"] = InspectionBuffer.HttpHeaderRaw,
        ["http.header_names"] = InspectionBuffer.HttpHeaderNames,
        ["http.cookie"] = InspectionBuffer.HttpCookie,
        ["http.user_agent"] = InspectionBuffer.HttpUserAgent,
        ["http.host"] = InspectionBuffer.HttpHost,
        ["http.referer"] = InspectionBuffer.HttpReferer,
        ["http.content_type"] = InspectionBuffer.HttpContentType,
        ["http.request_body"] = InspectionBuffer.HttpRequestBody,
        ["file.name"] = InspectionBuffer.FileName,
        ["file.data"] = InspectionBuffer.FileData,
        ["http.arg"] = InspectionBuffer.HttpArg,
        ["http.arg_name"] = InspectionBuffer.HttpArgName,
        ["mesh.source_principal"] = InspectionBuffer.MeshSourcePrincipal,
        ["mesh.destination_service"] = InspectionBuffer.MeshDestinationService,
        ["http.arg.offdomain_url"] = InspectionBuffer.HttpArgOffDomainUrl,
        ["http.protocol"] = InspectionBuffer.HttpProtocol,
        ["http.start"] = InspectionBuffer.HttpStart,
        ["http.accept"] = InspectionBuffer.HttpAccept,
        ["http.accept_enc"] = InspectionBuffer.HttpAcceptEnc,
        ["http.accept_lang"] = InspectionBuffer.HttpAcceptLang,
        ["http.connection"] = InspectionBuffer.HttpConnection,
        ["http.content_len"] = InspectionBuffer.HttpContentLen,
        ["http.host.raw"] = InspectionBuffer.HttpHostRaw,
        ["http.request_header"] = InspectionBuffer.HttpRequestHeader,
        ["http.cookie_value"] = InspectionBuffer.HttpCookieValue,
        ["http.cookie_name"] = InspectionBuffer.HttpCookieName,
        ["http.cookie_pair"] = InspectionBuffer.HttpCookiePair,
        ["http.header_value"] = InspectionBuffer.HttpHeaderValue,
        ["jwt.header"] = InspectionBuffer.JwtHeader,
        ["jwt.payload"] = InspectionBuffer.JwtPayload,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static IEnumerable<KeywordDefinition> Definitions()
    {
        foreach ((string name, InspectionBuffer buffer) in Names)
        {
            yield return new KeywordDefinition(name, KeywordKind.StickyBuffer, KeywordValue.None,
                ctx => new StickyBufferOption(buffer, name, ctx.Option.Location));
        }
    }
}
