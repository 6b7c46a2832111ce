namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// The buffers a rule can inspect. All but <see cref="Payload"/> are selected by a sticky buffer keyword
/// (see <see cref="StickyBufferOption"/>); what each holds after decoding is defined by the decoding increment.
/// </summary>
public enum InspectionBuffer
{
    /// <summary>
    /// The default when no sticky buffer precedes an inspection keyword: the request as received (request line,
    /// header block and inspected body), like Suricata's packet/stream payload for an HTTP rule.
    /// </summary>
    Payload,

    /// <summary><c>http.method</c></summary>
    HttpMethod,

    /// <summary><c>http.uri</c>: the normalized (decoded) request target.</summary>
    HttpUri,

    /// <summary><c>http.uri.raw</c>: the request target as received.</summary>
    HttpUriRaw,

    /// <summary><c>http.request_line</c></summary>
    HttpRequestLine,

    /// <summary><c>http.header</c>: normalized header lines (without Cookie, as in Suricata).</summary>
    HttpHeader,

    /// <summary><c>http.header.raw</c>: the header block as received.</summary>
    HttpHeaderRaw,

    /// <summary><c>http.header_names</c></summary>
    HttpHeaderNames,

    /// <summary><c>http.cookie</c></summary>
    HttpCookie,

    /// <summary><c>http.user_agent</c></summary>
    HttpUserAgent,

    /// <summary><c>http.host</c></summary>
    HttpHost,

    /// <summary><c>http.referer</c></summary>
    HttpReferer,

    /// <summary><c>http.content_type</c></summary>
    HttpContentType,

    /// <summary><c>http.request_body</c>: the (dechunked, decompressed) request body up to the body budget.</summary>
    HttpRequestBody,

    /// <summary><c>file.name</c>: file names of multipart uploads.</summary>
    FileName,

    /// <summary><c>file.data</c>: contents of multipart uploads.</summary>
    FileData,

    /// <summary><c>http.arg</c> (EastWestIds): every decoded argument value from query, form, JSON and multipart.</summary>
    HttpArg,

    /// <summary><c>http.arg_name</c> (EastWestIds): every decoded argument name.</summary>
    HttpArgName,

    /// <summary><c>mesh.source_principal</c> (EastWestIds): the caller's SPIFFE principal.</summary>
    MeshSourcePrincipal,

    /// <summary><c>mesh.destination_service</c> (EastWestIds): the callee service.</summary>
    MeshDestinationService,

    /// <summary>
    /// <c>http.arg.offdomain_url</c> (EastWestIds): the <see cref="HttpArg"/> values that are an absolute URL whose host
    /// is off the request's domain (see <c>Buffers/OffDomainUrl.cs</c>), for CRS 931130's off-domain references.
    /// </summary>
    HttpArgOffDomainUrl,

    /// <summary><c>http.protocol</c>: the protocol of the request line (<c>HTTP/1.1</c>).</summary>
    HttpProtocol,

    /// <summary><c>http.start</c>: the request line and every header line, ended by an empty line.</summary>
    HttpStart,

    /// <summary><c>http.accept</c></summary>
    HttpAccept,

    /// <summary><c>http.accept_enc</c>: the Accept-Encoding header.</summary>
    HttpAcceptEnc,

    /// <summary><c>http.accept_lang</c>: the Accept-Language header.</summary>
    HttpAcceptLang,

    /// <summary><c>http.connection</c></summary>
    HttpConnection,

    /// <summary><c>http.content_len</c>: the Content-Length header.</summary>
    HttpContentLen,

    /// <summary><c>http.host.raw</c>: the host as sent (case and, from the Host header, port kept).</summary>
    HttpHostRaw,

    /// <summary><c>http.request_header</c>: one value per header field, <c>name: value</c>.</summary>
    HttpRequestHeader,

    /// <summary>
    /// <c>http.cookie_value</c> (EastWestIds): one value per cookie of the Cookie header(s), as sent (not decoded, as
    /// <c>http.cookie</c>); see <c>Buffers/RequestBuffers.Cookies.cs</c>.
    /// </summary>
    HttpCookieValue,

    /// <summary><c>http.cookie_name</c> (EastWestIds): one name per cookie, as sent.</summary>
    HttpCookieName,

    /// <summary>
    /// <c>http.cookie_pair</c> (EastWestIds): one <c>name=value</c> per cookie, as sent (spaces around it dropped): a
    /// cookie's name and value together, without the <c>; </c> that joins it to the others.
    /// </summary>
    HttpCookiePair,

    /// <summary>
    /// <c>http.header_value</c> (EastWestIds): one value per request header field that is not a standard one, as sent:
    /// the values a service reads as data (x-forwarded-for, a tenant or user id a gateway passes on, gRPC metadata),
    /// which <c>http.header</c> holds only as one block of lines. Standard fields (HTTP's, CORS, tracing, Envoy's,
    /// gRPC's, <c>Sec-*</c>) are left out; see <c>Buffers/StandardHeaderFields.cs</c>.
    /// </summary>
    HttpHeaderValue,

    /// <summary>
    /// <c>jwt.header</c> (EastWestIds): the JOSE header of every JSON Web Token in the request (in a header field, the
    /// Authorization bearer and cookies among them, in the target or in the body), base64url-decoded: the JSON object that
    /// says <c>alg</c>, <c>kid</c>, <c>jku</c>, <c>jwk</c>. Why: services pass tokens to each other, and the token attacks
    /// (<c>alg: none</c>, a <c>kid</c> that is a path or SQL, a key fetched from a <c>jku</c> URL or embedded as <c>jwk</c>)
    /// are in this object, which no other buffer shows decoded.
    /// </summary>
    JwtHeader,

    /// <summary><c>jwt.payload</c> (EastWestIds): the claims of the same tokens (of a signed one; an encrypted token's are not readable), decoded.</summary>
    JwtPayload,
}
