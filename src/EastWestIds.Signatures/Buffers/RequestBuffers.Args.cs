using System.Buffers;
using System.Text;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.arg</c> / <c>http.arg_name</c> (and <c>file.name</c> / <c>file.data</c>), decoded together on first use:
/// <list type="bullet">
/// <item>the query string, then the body by its media type: <c>application/x-www-form-urlencoded</c> (pairs split on
/// <c>&amp;</c>, <c>+</c> is a space, percent-decoded until stable, overlong UTF-8 shortened; a pair without <c>=</c> is a
/// name with an empty value, as PHP and Java see it);</item>
/// <item>JSON (<c>*/json</c>, <c>*+json</c>, or a body starting with <c>{</c>/<c>[</c> when there is no Content-Type):
/// every key at any depth is a name, every string value a value, JSON escapes decoded; numbers, <c>true</c>,
/// <c>false</c>, <c>null</c> and any stray bare token are values too, as their text, because type confusion
/// (<c>"password": true</c>) and injection in an unquoted position (<c>{"id": 1 OR 1=1}</c>) are attacks a rule must
/// be able to see, and a few short values cost nothing;</item>
/// <item>XML (<c>*/xml</c>, <c>*+xml</c>, or a body starting with <c>&lt;?xml</c> when there is no Content-Type): every
/// attribute value and text node, entities decoded (RequestBuffers.Xml.cs);</item>
/// <item>gRPC and protobuf: every text string field, at any depth (RequestBuffers.Protobuf.cs);</item>
/// <item>MessagePack and CBOR: every string, map keys as names (RequestBuffers.MessagePack.cs, RequestBuffers.Cbor.cs);</item>
/// <item>YAML: every scalar, mapping keys as names (RequestBuffers.Yaml.cs);</item>
/// <item><c>text/plain</c>: the whole body, one value (a server takes it as one string), unless it is well-formed JSON; a
/// GraphQL document (<c>application/graphql</c>, a JSON body's <c>query</c>, a <c>query</c> parameter): its string values
/// (RequestBuffers.GraphQl.cs);</item>
/// <item>a body shaped like a JSON or XML document under any other Content-Type, text only, parsed as one as well
/// (Go's decoders ignore the Content-Type);</item>
/// <item><c>multipart/*</c>: each part with a <c>filename</c> adds <c>file.name</c> and <c>file.data</c>; every other part
/// adds its <c>name</c> and its content (not decoded: browsers send it as is; a part in <c>base64</c> or
/// <c>quoted-printable</c> adds its content decoded too, RequestBuffers.Multipart.cs).</item>
/// </list>
/// JSON and multipart values are not percent-decoded (backends do not decode them either). Each of the four lists
/// holds at most <see cref="RequestBufferLimits.MaxArgs"/> entries, the first and the last ones
/// (<see cref="DecodingAnomalies.TooManyArgs"/>).
/// </summary>
public sealed partial class RequestBuffers
{
    private const ulong ArgumentBits = (1UL << (int)InspectionBuffer.HttpArg) | (1UL << (int)InspectionBuffer.HttpArgName)
        | (1UL << (int)InspectionBuffer.FileName) | (1UL << (int)InspectionBuffer.FileData);

    private enum ValueDecoding : byte
    {
        None,
        Form,
        Percent,
        Json,

        /// <summary>
        /// An uploaded file's bytes, taken as they are: a NUL there is no anomaly (every image, archive or font holds
        /// some), unlike in a name or a value a server reads as text.
        /// </summary>
        FileContent,
    }

    // Bytes that make a value need decoding (escapes, '+', lead bytes of overlong forms) or flagging (NUL).
    private static readonly SearchValues<byte> FormSpecial = SearchValues.Create([(byte)'%', (byte)'+', 0xC0, 0xC1, 0xE0, 0xF0, 0]);
    private static readonly SearchValues<byte> PercentSpecial = SearchValues.Create([(byte)'%', 0xC0, 0xC1, 0xE0, 0xF0, 0]);
    private static readonly SearchValues<byte> JsonSpecial = SearchValues.Create([(byte)'\\', 0]);
    private static readonly SearchValues<byte> NulOnly = SearchValues.Create([0]);

    /// <summary>Where the values of the body being parsed live: the body as sent, or transcoded (RequestBuffers.Body.cs).</summary>
    private SegmentSource _bodySource = SegmentSource.DecodedBody;

    private SegmentList Args => _lists[(int)InspectionBuffer.HttpArg];

    private SegmentList ArgNames => _lists[(int)InspectionBuffer.HttpArgName];

    private void DecodeArguments()
    {
        Args.Clear();
        ArgNames.Clear();
        _lists[(int)InspectionBuffer.FileName].Clear();
        _lists[(int)InspectionBuffer.FileData].Clear();
        _decoded |= ArgumentBits;

        ReadOnlySpan<byte> target = Request.Target;
        int q = target.IndexOf((byte)'?');
        if (q >= 0)
        {
            ParseUrlEncoded(SegmentSource.Target, target, q + 1);
        }

        ReadOnlySpan<byte> body = DecodedBody;
        if (body.IsEmpty)
        {
            return;
        }

        int contentType = FindHeader(HeaderKind.ContentType);
        ReadOnlySpan<byte> value = contentType < 0 ? default : Request.HeaderValue(contentType);
        ReadOnlySpan<byte> transcoded = TranscodedBody;
        if (_bodyArgumentsAsSent)
        {
            // Under a charset that names another encoding, the bytes as sent are read for a server that ignores it; what
            // that reading finds malformed is the charset's doing (an EBCDIC capital before a small letter is overlong
            // UTF-8, an EBCDIC document malformed JSON), so only the text's own reading reports decoding anomalies.
            DecodingAnomalies before = _anomalies;
            ParseBody(SegmentSource.DecodedBody, body, value);
            _anomalies = transcoded.IsEmpty ? _anomalies : before;
        }

        if (!transcoded.IsEmpty)
        {
            ParseBody(SegmentSource.TranscodedBody, transcoded, value);
        }
        else if (!ReadableTail.IsEmpty)
        {
            ParseBodyTail(body, value);
        }
    }

    /// <summary>
    /// The arguments of <paramref name="body"/> by its media type (<paramref name="source"/> says where its values
    /// live), after a UTF-8 byte order mark: parsers skip it (Jackson, .NET, Python's <c>utf-8-sig</c>), so it must
    /// neither hide a JSON body without Content-Type nor make a JSON body malformed.
    /// </summary>
    private void ParseBody(SegmentSource source, ReadOnlySpan<byte> body, ReadOnlySpan<byte> contentType)
    {
        _bodySource = source;
        int start = body.StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0;
        ReadOnlySpan<byte> text = body[start..];
        ReadOnlySpan<byte> mediaType = MediaTypes.Of(contentType);
        switch (BodyKindOf(mediaType, text))
        {
            case BodyKind.Json:
                ScanJson(body, start);
                return;
            case BodyKind.Multipart:
                ParseMultipart(body, contentType);
                return;
            case BodyKind.Xml:
                ScanXml(body, start);
                return;
            case BodyKind.Protobuf:
                ScanProtobufBody(source, body, ProtobufFramingOf(mediaType));
                return;
            case BodyKind.MessagePack:
                ScanMessagePack(source, body);
                return;
            case BodyKind.Cbor:
                ScanCbor(source, body);
                return;
            case BodyKind.Form:
                ParseUrlEncoded(source, body, start);
                break;
            case BodyKind.WholeText:
                ParsePlainText(source, body, start, UndeclaredDocumentOf(text));
                return;
            case BodyKind.Yaml:
                ScanYaml(source, body, start);
                return;
            case BodyKind.GraphQl:
                if (!AddGraphQlStrings(source, body, start, body.Length - start))
                {
                    AddWholeText(source, body, start);
                }

                return;
        }

        ParseUndeclaredDocument(body, start, UndeclaredDocumentOf(text));
    }

    /// <summary>How a body's arguments are read, decided from its media type and its first bytes (for its tail as well).</summary>
    private enum BodyKind : byte
    {
        Opaque,
        Form,
        Json,
        Multipart,
        Xml,
        Protobuf,
        MessagePack,
        Cbor,

        /// <summary>One string, the whole body (<see cref="MediaTypes.IsWholeText"/>).</summary>
        WholeText,

        /// <summary>Its scalars, mapping keys as names (RequestBuffers.Yaml.cs).</summary>
        Yaml,

        /// <summary>A GraphQL document: its string values, or the whole body when it is no well-formed document (RequestBuffers.GraphQl.cs).</summary>
        GraphQl,
    }

    /// <summary>
    /// The body's kind by its media type; without one, by its shape (a form-shaped body is inspected as one, though PHP
    /// and most frameworks would not parse it).
    /// </summary>
    private static BodyKind BodyKindOf(ReadOnlySpan<byte> mediaType, ReadOnlySpan<byte> text)
    {
        if (MediaTypes.IsForm(mediaType))
        {
            return BodyKind.Form;
        }

        if (MediaTypes.IsJson(mediaType) || (mediaType.IsEmpty && LooksLikeJson(text)))
        {
            return BodyKind.Json;
        }

        if (MediaTypes.IsMultipart(mediaType))
        {
            return BodyKind.Multipart;
        }

        if (MediaTypes.IsXml(mediaType) || (mediaType.IsEmpty && LooksLikeXml(text)))
        {
            return BodyKind.Xml;
        }

        if (ProtobufFramingOf(mediaType) != ProtobufFraming.None)
        {
            return BodyKind.Protobuf;
        }

        if (MediaTypes.IsMessagePack(mediaType))
        {
            return BodyKind.MessagePack;
        }

        if (MediaTypes.IsCbor(mediaType))
        {
            return BodyKind.Cbor;
        }

        if (MediaTypes.IsWholeText(mediaType))
        {
            return BodyKind.WholeText;
        }

        if (MediaTypes.IsGraphQl(mediaType))
        {
            return BodyKind.GraphQl;
        }

        if (MediaTypes.IsYaml(mediaType))
        {
            return BodyKind.Yaml;
        }

        return mediaType.IsEmpty && LooksLikeForm(text) ? BodyKind.Form : BodyKind.Opaque;
    }

    /// <summary>
    /// A JSON or XML document under another Content-Type (<c>text/plain</c>, <c>application/octet-stream</c>, even a
    /// form): Go's <c>encoding/json</c> and <c>encoding/xml</c> decode a request body whatever it declares, as does
    /// Flask's <c>get_json(force=True)</c>, so such a body's values are arguments too (a lying Content-Type hid 18% of
    /// the JSON attacks of bench/quality/payloads from the argument rules). Only text: a binary upload that begins
    /// with <c>{</c> by chance is no document. <see cref="BodyKind.Opaque"/> when it is none.
    /// </summary>
    private static BodyKind UndeclaredDocumentOf(ReadOnlySpan<byte> text)
    {
        bool json = LooksLikeJson(text);
        if ((!json && !LooksLikeXml(text)) || text.IndexOfAny(BinaryControlBytes) >= 0 || !System.Text.Unicode.Utf8.IsValid(text))
        {
            return BodyKind.Opaque;
        }

        return json ? BodyKind.Json : BodyKind.Xml;
    }

    /// <summary>Reads an undeclared document (<see cref="UndeclaredDocumentOf"/>); its syntax errors are no finding, since it never claimed to be one.</summary>
    private void ParseUndeclaredDocument(ReadOnlySpan<byte> body, int start, BodyKind document)
    {
        if (document == BodyKind.Opaque)
        {
            return;
        }

        DecodingAnomalies before = _anomalies;
        if (document == BodyKind.Json)
        {
            ScanJson(body, start);
        }
        else
        {
            ScanXml(body, start);
        }

        _anomalies = (_anomalies & ~DecodingAnomalies.MalformedJson) | (before & DecodingAnomalies.MalformedJson);
    }

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// A <c>text/plain</c> body: one value, the whole of it; but a well-formed JSON document only as JSON. fetch() and
    /// XMLHttpRequest send a string body as <c>text/plain;charset=UTF-8</c>, so JSON sent that way is common, and read
    /// whole its quotes would look like an SQL string closed before <c>grant</c> or <c>union</c>; a body that merely
    /// starts with <c>{</c> (<c>{system('id')}</c>) is both. An XML document is both as well (its text nodes are
    /// arguments, and rarely sent so).
    /// </summary>
    private void ParsePlainText(SegmentSource source, ReadOnlySpan<byte> body, int start, BodyKind document)
    {
        ParseUndeclaredDocument(body, start, document);
        if (document != BodyKind.Json || !IsWellFormedJson(body[start..]))
        {
            AddWholeText(source, body, start);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> is one JSON document by the letter of RFC 8259 (System.Text.Json's reader, which
    /// allocates nothing unless it throws); a body cut at the budget counts when it is well-formed as far as it goes. The
    /// scanner of RequestBuffers.Json.cs is tolerant on purpose and cannot say so (<c>{{4+4}}</c> passes it).
    /// </summary>
    private bool IsWellFormedJson(ReadOnlySpan<byte> text)
    {
        var reader = new System.Text.Json.Utf8JsonReader(text, isFinalBlock: !Request.BodyTruncated, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A body the server takes as one string (<see cref="MediaTypes.IsWholeText"/>): all of it from
    /// <paramref name="start"/> is one value, unless it holds control bytes (binary data sent as text is no argument).
    /// </summary>
    private void AddWholeText(SegmentSource source, ReadOnlySpan<byte> body, int start)
    {
        if (start < body.Length && body[start..].IndexOfAny(BinaryControlBytes) < 0)
        {
            AddValue(Args, source, body, start, body.Length - start, ValueDecoding.None);
        }
    }

    private void ParseUrlEncoded(SegmentSource source, ReadOnlySpan<byte> container, int start)
    {
        int i = start;
        while (i < container.Length)
        {
            int amp = container[i..].IndexOf((byte)'&');
            int end = amp < 0 ? container.Length : i + amp;
            if (end > i)
            {
                int eq = container[i..end].IndexOf((byte)'=');
                int nameEnd = eq < 0 ? end : i + eq;
                int valueStart = eq < 0 ? end : nameEnd + 1;
                AddValue(ArgNames, source, container, i, nameEnd - i, ValueDecoding.Form);
                if (nameEnd - i != 5 || !IsQueryName(container.Slice(i, 5)) || !AddEncodedGraphQl(source, container, valueStart, end - valueStart, ValueDecoding.Form))
                {
                    AddValue(Args, source, container, valueStart, end - valueStart, ValueDecoding.Form);
                }
            }

            i = end + 1;
        }
    }

    /// <summary>
    /// Adds one value to <paramref name="list"/>: a reference into <paramref name="container"/> when it needs no
    /// decoding, else its decoded form in the arena. Past the argument budget the list keeps its first values and the
    /// newest ones (<see cref="SegmentList.AddWithin"/>; flagged), so parsing goes on to the end of the input.
    /// </summary>
    private void AddValue(SegmentList list, SegmentSource source, ReadOnlySpan<byte> container, int start, int length, ValueDecoding decoding)
    {
        if (decoding == ValueDecoding.FileContent)
        {
            AddReference(list, source, start, length);
            return;
        }

        ReadOnlySpan<byte> raw = container.Slice(start, length);

        // One vectorized scan decides the common case (nothing to decode, no NUL): a reference, no copy.
        SearchValues<byte> special = decoding switch
        {
            ValueDecoding.Form => FormSpecial,
            ValueDecoding.Percent => PercentSpecial,
            ValueDecoding.Json => JsonSpecial,
            _ => NulOnly,
        };

        if (raw.IndexOfAny(special) < 0)
        {
            AddReference(list, source, start, length);
            return;
        }

        if (decoding == ValueDecoding.None || (decoding == ValueDecoding.Json && raw.IndexOf((byte)'\\') < 0))
        {
            FlagNul(raw);
            AddReference(list, source, start, length);
            return;
        }

        Span<byte> space = BeginArena(raw.Length);
        raw = raw[..space.Length];
        int w = decoding == ValueDecoding.Json
            ? JsonStringDecoder.Decode(raw, space, ref _anomalies)
            : ShortenOverlong(space, PercentDecoder.DecodeUntilStable(raw, space, plusAsSpace: decoding == ValueDecoding.Form, ref _anomalies));
        FlagNul(space[..w]);
        AddReference(list, SegmentSource.Arena, _arena.Commit(w), w);
    }

    /// <summary>Adds a value that needs neither decoding nor flagging, by reference, within the argument budget.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void AddReference(SegmentList list, SegmentSource source, int start, int length)
    {
        if (!list.AddWithin(new Segment(source, start, length), _limits.MaxArgs))
        {
            _anomalies |= DecodingAnomalies.TooManyArgs;
        }
    }

    /// <summary>
    /// A body without Content-Type is read as a form only when it is shaped like one: a <c>=</c>, valid UTF-8 and no
    /// control bytes but tab and line breaks (clients percent-encode the rest; raw control bytes or invalid UTF-8 mean
    /// binary data). Why: an upload of binary data (an image, protobuf, a tarball) otherwise becomes thousands of
    /// random "arguments", which both cost the argument rules time on every byte and let them fire on chance byte
    /// sequences (a 64 KiB random upload raised ten alerts and took seconds).
    /// </summary>
    private static bool LooksLikeForm(ReadOnlySpan<byte> body) =>
        body.IndexOf((byte)'=') > 0 && body.IndexOfAny(BinaryControlBytes) < 0 && System.Text.Unicode.Utf8.IsValid(body);

    private static readonly SearchValues<byte> BinaryControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F]);

    private static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> trimmed = body.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] is (byte)'{' or (byte)'[';
    }
}
