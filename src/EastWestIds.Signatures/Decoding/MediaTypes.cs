using System.Text;

namespace EastWestIds.Signatures.Decoding;

/// <summary>What a request's <c>Content-Type</c> says its body is, as the body's parsers and <see cref="BodyCharset"/> ask it.</summary>
internal static class MediaTypes
{
    /// <summary>The media type of a <c>Content-Type</c> value: before any <c>;</c>, trimmed.</summary>
    public static ReadOnlySpan<byte> Of(ReadOnlySpan<byte> contentType)
    {
        int semicolon = contentType.IndexOf((byte)';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim(" \t"u8);
    }

    /// <summary><c>*/json</c> or <c>*/*+json</c>.</summary>
    public static bool IsJson(ReadOnlySpan<byte> mediaType) => EndsWith(mediaType, "/json"u8) || EndsWith(mediaType, "+json"u8);

    /// <summary><c>*/xml</c> or <c>*/*+xml</c>.</summary>
    public static bool IsXml(ReadOnlySpan<byte> mediaType) => EndsWith(mediaType, "/xml"u8) || EndsWith(mediaType, "+xml"u8);

    public static bool IsForm(ReadOnlySpan<byte> mediaType) => Ascii.EqualsIgnoreCase(mediaType, "application/x-www-form-urlencoded"u8);

    /// <summary>MessagePack, by any of the names it goes by (it has no registered type).</summary>
    public static bool IsMessagePack(ReadOnlySpan<byte> mediaType) =>
        Ascii.EqualsIgnoreCase(mediaType, "application/msgpack"u8) || Ascii.EqualsIgnoreCase(mediaType, "application/x-msgpack"u8)
        || Ascii.EqualsIgnoreCase(mediaType, "application/vnd.msgpack"u8) || Ascii.EqualsIgnoreCase(mediaType, "application/x-messagepack"u8);

    /// <summary><c>*/cbor</c>, <c>*/*+cbor</c> or <c>application/cbor-seq</c>.</summary>
    public static bool IsCbor(ReadOnlySpan<byte> mediaType) =>
        EndsWith(mediaType, "/cbor"u8) || EndsWith(mediaType, "+cbor"u8) || Ascii.EqualsIgnoreCase(mediaType, "application/cbor-seq"u8);

    /// <summary>
    /// A body a server takes whole as one string: <c>text/plain</c> (Spring's <c>@RequestBody String</c>, a
    /// <c>[FromBody] string</c>, a handler that reads the body).
    /// </summary>
    public static bool IsWholeText(ReadOnlySpan<byte> mediaType) => Ascii.EqualsIgnoreCase(mediaType, "text/plain"u8);

    /// <summary><c>application/yaml</c>, <c>application/x-yaml</c>, <c>text/yaml</c>, <c>text/x-yaml</c>, <c>*/*+yaml</c>.</summary>
    public static bool IsYaml(ReadOnlySpan<byte> mediaType) =>
        EndsWith(mediaType, "/yaml"u8) || EndsWith(mediaType, "/x-yaml"u8) || EndsWith(mediaType, "+yaml"u8);

    /// <summary><c>application/graphql</c>: the body is the query document itself.</summary>
    public static bool IsGraphQl(ReadOnlySpan<byte> mediaType) => Ascii.EqualsIgnoreCase(mediaType, "application/graphql"u8);

    public static bool IsMultipart(ReadOnlySpan<byte> mediaType) => mediaType.Length > 10 && Ascii.EqualsIgnoreCase(mediaType[..10], "multipart/"u8);

    /// <summary>
    /// A body a server reads arguments or text from: none declared, a form, multipart, JSON, XML, MessagePack, CBOR,
    /// GraphQL, YAML or <c>text/*</c>. Not gRPC or protobuf (a streaming call is long by nature), nor binary media (images,
    /// archives, octet streams).
    /// </summary>
    public static bool CarriesArguments(ReadOnlySpan<byte> mediaType) =>
        mediaType.IsEmpty || IsForm(mediaType) || IsMultipart(mediaType) || IsJson(mediaType) || IsXml(mediaType)
        || IsMessagePack(mediaType) || IsCbor(mediaType) || IsWholeText(mediaType) || IsGraphQl(mediaType) || IsYaml(mediaType)
        || (mediaType.Length > 5 && Ascii.EqualsIgnoreCase(mediaType[..5], "text/"u8));

    private static bool EndsWith(ReadOnlySpan<byte> value, ReadOnlySpan<byte> suffix) =>
        value.Length >= suffix.Length && Ascii.EqualsIgnoreCase(value[^suffix.Length..], suffix);
}
