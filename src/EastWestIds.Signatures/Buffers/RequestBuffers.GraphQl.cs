using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// GraphQL documents: an <c>application/graphql</c> body, the string value of a JSON body's <c>query</c> key, or the
/// <c>query</c> parameter of a GET or a form (GraphQL over HTTP). A well-formed document's arguments are its string
/// values, decoded and without their quotes (a block string as written), the rest being the operation's structure
/// (which <see cref="GraphQlLexer.IsDocument"/> holds to an executable document's tokens); read whole, every search for
/// <c>"drop earrings"</c>
/// looked like a quote closed before SQL. A document that does not lex (<see cref="GraphQlLexer.IsDocument"/>) stays one
/// value as sent: a payload concatenated into a query and breaking out of its string leaves no well-formed document, so
/// it is read whole as before.
/// </summary>
public sealed partial class RequestBuffers
{
    /// <summary>Set when the last JSON key read was <c>query</c>, so that the string after it may be a GraphQL document.</summary>
    private bool _jsonQueryKey;

    /// <summary><c>query</c>, the name GraphQL over HTTP gives the document: five bytes, compared as one word and a byte (every JSON key and parameter name is asked).</summary>
    private static bool IsQueryName(ReadOnlySpan<byte> five) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(five) == 0x72657571 && five[4] == (byte)'y';

    /// <summary>
    /// Adds the string values of the document in [<paramref name="start"/>, +<paramref name="length"/>); false (nothing
    /// added) when it is none.
    /// </summary>
    private bool AddGraphQlStrings(SegmentSource source, ReadOnlySpan<byte> container, int start, int length)
    {
        if (!GraphQlLexer.IsDocument(container.Slice(start, length)))
        {
            return false;
        }

        AddStringsOfDocument(source, container, start, length, percentDecode: false);
        return true;
    }

    /// <summary>The string values of a document <see cref="GraphQlLexer.IsDocument"/> has accepted.</summary>
    private void AddStringsOfDocument(SegmentSource source, ReadOnlySpan<byte> container, int start, int length, bool percentDecode)
    {
        ReadOnlySpan<byte> document = container.Slice(start, length);
        int i = 0;
        GraphQlLexer.Token token;
        while ((token = GraphQlLexer.Next(document, ref i, out int from, out int to)) is not (GraphQlLexer.Token.End or GraphQlLexer.Token.Invalid))
        {
            ReadOnlySpan<byte> content = document[from..to];
            if (content.IsEmpty || token is not (GraphQlLexer.Token.String or GraphQlLexer.Token.BlockString))
            {
                continue;
            }

            if (token == GraphQlLexer.Token.String && content.IndexOf((byte)'\\') >= 0)
            {
                int decodedLength = GraphQlLexer.DecodedLength(content);
                Span<byte> space = BeginArena(decodedLength);
                int written = space.Length >= decodedLength ? GraphQlLexer.Decode(content, space) : 0;
                AddGraphQlString(SegmentSource.Arena, _arena.Commit(written), space[..written], percentDecode);
            }
            else
            {
                AddGraphQlString(source, start + from, content, percentDecode); // no escapes, or a block string (taken as written)
            }
        }
    }

    private void AddGraphQlString(SegmentSource source, int offset, ReadOnlySpan<byte> value, bool percentDecode)
    {
        if (percentDecode && value.IndexOf((byte)'%') >= 0)
        {
            Span<byte> space = BeginArena(value.Length);
            int written = ShortenOverlong(space, PercentDecoder.DecodeUntilStable(value[..space.Length], space, plusAsSpace: false, ref _anomalies));
            source = SegmentSource.Arena;
            offset = _arena.Commit(written);
            value = space[..written];
        }

        FlagNul(value);
        AddReference(Args, source, offset, value.Length);
    }

    /// <summary>
    /// The value of a JSON body's <c>query</c> key, or of a <c>query</c> parameter of a GET or a form (content
    /// [<paramref name="start"/>, +<paramref name="length"/>) in <paramref name="decoding"/>): its string values when
    /// it is a GraphQL document; false when it is none, and the caller adds it as a value.
    /// </summary>
    private bool AddEncodedGraphQl(SegmentSource source, ReadOnlySpan<byte> container, int start, int length, ValueDecoding decoding)
    {
        ReadOnlySpan<byte> raw = container.Slice(start, length);
        bool escaped = decoding == ValueDecoding.Json ? raw.IndexOf((byte)'\\') >= 0 : raw.IndexOfAny(FormSpecial) >= 0;
        if (!escaped)
        {
            return AddGraphQlStrings(source, container, start, length);
        }

        Span<byte> space = _arena.Begin(length);
        if (space.Length < length)
        {
            return false; // the caller's decoding flags the budget
        }

        // The caller decodes the value again when it is no document, and flags what its decoding finds then.
        DecodingAnomalies before = _anomalies;
        bool form = decoding != ValueDecoding.Json;
        int written = form
            ? PercentDecoder.Decode(raw, space, plusAsSpace: true, ref _anomalies)
            : JsonStringDecoder.Decode(raw, space, ref _anomalies);
        DecodingAnomalies found = _anomalies;
        _anomalies = before;
        if (!GraphQlLexer.IsDocument(space[..written]))
        {
            return false;
        }

        _anomalies = found;
        // percentDecode: a URL's or form's document was decoded once, as a server decodes it; its strings are decoded
        // until stable, as every such parameter is.
        int at = _arena.Commit(written);
        AddStringsOfDocument(SegmentSource.Arena, _arena.Slice(0, at + written), at, written, percentDecode: form);
        return true;
    }
}
