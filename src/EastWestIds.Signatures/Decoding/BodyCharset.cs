using System.Text;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Finds the text encoding of a body whose ASCII letters and digits are not ASCII bytes: UTF-16, UTF-32 or EBCDIC.
/// Such a body is an evasion the rules cannot see through: <c>' OR 1=1--</c> in UTF-16 is <c>'\0 \0O\0R\0</c>, yet
/// Jackson (Spring), Python's <c>json</c> and every XML parser read UTF-16 and UTF-32 by themselves, and Spring,
/// ASP.NET Core and Tomcat decode a body in the charset its <c>Content-Type</c> declares (<c>charset=ibm037</c> is a
/// known WAF bypass).
/// </summary>
/// <remarks>
/// <para>The evidence, in order (the bytes' own before the header's claim):</para>
/// <list type="number">
/// <item>a byte order mark of UTF-32 or UTF-16;</item>
/// <item>the NUL pattern of the first four bytes, as RFC 4627 §3 and XML 1.0 Appendix F detect UTF-16 and UTF-32
/// (<c>xx 00 xx 00</c> is UTF-16LE, <c>00 00 00 xx</c> UTF-32BE, …): JSON and XML begin with ASCII;</item>
/// <item>an XML declaration in EBCDIC (<c>4C 6F A7 94</c>, <c>&lt;?xm</c>), in the code page its <c>encoding</c> names;</item>
/// <item>a <c>charset</c> parameter naming such an encoding (<see cref="CharsetNames"/>), when the body has a NUL or a
/// byte from 0x80 on: in UTF-16 and EBCDIC every ASCII letter or digit holds one, so a body of plain ASCII declared
/// <c>ibm037</c> holds no payload a server decoding it could find, and is read as sent.</item>
/// </list>
/// <para>Only bodies a server parses as text are considered (no <c>Content-Type</c>, <c>text/*</c>, JSON, XML, forms, YAML, GraphQL):
/// an image or an archive may begin with <c>FF FE</c> by chance. The caller inspects the body as sent as well as
/// transcoded, so a header's false claim hides nothing from a server that ignores it.</para>
/// </remarks>
internal static class BodyCharset
{
    /// <summary>
    /// The encoding <paramref name="body"/> is in, or null when it is read as sent; <paramref name="preamble"/> is the
    /// length of its byte order mark (not text).
    /// </summary>
    /// <param name="contentType">The <c>Content-Type</c> value (empty when there is none).</param>
    /// <param name="body">The body with its content codings undone.</param>
    /// <param name="preamble">Bytes of byte order mark to skip before transcoding.</param>
    /// <param name="declaredOnly">
    /// True when only the header's claim names the encoding (the last item above): a server that ignores the claim
    /// reads the bytes as sent, so they are parsed as sent too. False when the bytes show it themselves (a byte order
    /// mark, the NUL pattern, an EBCDIC XML declaration): no server reads such bytes as a document in an ASCII
    /// charset, and parsing them as one only makes arguments of NULs.
    /// </param>
    public static Encoding? Detect(ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> body, out int preamble, out bool declaredOnly)
    {
        preamble = 0;
        declaredOnly = false;
        if (body.Length < 2 || !IsTextMediaType(MediaTypes.Of(contentType)))
        {
            return null;
        }

        if (ByteOrderMark(body, out preamble) is { } marked)
        {
            return marked;
        }

        if (NulPattern(body) is { } unmarked)
        {
            return unmarked;
        }

        if (body.StartsWith(EbcdicXmlStart))
        {
            return EbcdicXmlEncoding(body);
        }

        declaredOnly = true;
        return Declared(contentType, body);
    }

    /// <summary>True when <paramref name="text"/> shows UTF-16 or UTF-32 itself: a byte order mark, or RFC 4627's NUL pattern.</summary>
    internal static bool ShowsUnicode(ReadOnlySpan<byte> text) => ByteOrderMark(text, out _) is not null || NulPattern(text) is not null;

    /// <summary>
    /// The ASCII-incompatible charset <paramref name="contentType"/> declares for <paramref name="text"/>, its byte
    /// order settled by the text, when the text could be in it (a NUL or a byte from 0x80 on); null otherwise. For a
    /// body, and for a multipart part that declares its own charset.
    /// </summary>
    internal static Encoding? Declared(ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> text) => For(DeclaredCharset(contentType), text);

    /// <summary>
    /// <paramref name="declared"/> (an ASCII-incompatible charset, or null), its byte order settled by
    /// <paramref name="text"/>, when the text could be in it (a NUL or a byte from 0x80 on); null otherwise.
    /// </summary>
    internal static Encoding? For(Encoding? declared, ReadOnlySpan<byte> text)
    {
        if (declared is null || text.IndexOfAnyExceptInRange((byte)1, (byte)0x7F) < 0)
        {
            return null;
        }

        return CharsetNames.IsUnicode(declared) ? ByteOrder(declared, text) : declared;
    }

    /// <summary>
    /// The first <c>charset</c> parameter of <paramref name="contentType"/> that names an ASCII-incompatible encoding
    /// (quotes and spaces around the value removed); null when none does.
    /// </summary>
    internal static Encoding? DeclaredCharset(ReadOnlySpan<byte> contentType)
    {
        int semicolon = contentType.IndexOf((byte)';');
        while (semicolon >= 0)
        {
            ReadOnlySpan<byte> rest = contentType[(semicolon + 1)..];
            int next = rest.IndexOf((byte)';');
            ReadOnlySpan<byte> parameter = next < 0 ? rest : rest[..next];
            int equals = parameter.IndexOf((byte)'=');
            if (equals > 0 && Ascii.EqualsIgnoreCase(parameter[..equals].Trim(" \t"u8), "charset"u8)
                && CharsetNames.AsciiIncompatible(parameter[(equals + 1)..].Trim(" \t\"'"u8)) is { } encoding)
            {
                return encoding;
            }

            semicolon = next < 0 ? -1 : semicolon + 1 + next;
        }

        return null;
    }

    private static bool IsTextMediaType(ReadOnlySpan<byte> mediaType) =>
        mediaType.IsEmpty
        || (mediaType.Length > 5 && Ascii.EqualsIgnoreCase(mediaType[..5], "text/"u8))
        || MediaTypes.IsJson(mediaType) || MediaTypes.IsXml(mediaType) || MediaTypes.IsForm(mediaType)
        || MediaTypes.IsYaml(mediaType) || MediaTypes.IsGraphQl(mediaType);

    private static Encoding? ByteOrderMark(ReadOnlySpan<byte> body, out int length)
    {
        (Encoding? encoding, length) = body switch
        {
            [0xFF, 0xFE, 0, 0, ..] => (CharsetNames.Utf32LittleEndian, 4),
            [0, 0, 0xFE, 0xFF, ..] => (CharsetNames.Utf32BigEndian, 4),
            [0xFF, 0xFE, ..] => (CharsetNames.Utf16LittleEndian, 2),
            [0xFE, 0xFF, ..] => (CharsetNames.Utf16BigEndian, 2),
            _ => ((Encoding?)null, 0),
        };
        return encoding;
    }

    /// <summary>RFC 4627 §3: the NULs among the first four bytes of text that begins with two ASCII chars.</summary>
    private static Encoding? NulPattern(ReadOnlySpan<byte> body) => body switch
    {
        [0, 0, 0, not 0, ..] => CharsetNames.Utf32BigEndian,
        [not 0, 0, 0, 0, ..] => CharsetNames.Utf32LittleEndian,
        [0, not 0, 0, not 0, ..] => CharsetNames.Utf16BigEndian,
        [not 0, 0, not 0, 0, ..] => CharsetNames.Utf16LittleEndian,
        [0, not 0] or [0, not 0, _] => CharsetNames.Utf16BigEndian,
        [not 0, 0] or [not 0, 0, _] => CharsetNames.Utf16LittleEndian,
        _ => null,
    };

    /// <summary>
    /// A UTF-16 or UTF-32 declared without byte order and without a mark: big-endian puts the NUL of an ASCII char
    /// first. Java reads unmarked UTF-16 as big-endian, Python as little-endian; the body says which it is.
    /// </summary>
    private static Encoding ByteOrder(Encoding declared, ReadOnlySpan<byte> body)
    {
        bool utf32 = declared is UTF32Encoding;
        if (ReferenceEquals(declared, CharsetNames.Utf16) || ReferenceEquals(declared, CharsetNames.Utf32))
        {
            int unit = utf32 ? 4 : 2;
            int firstNuls = 0, lastNuls = 0;
            int end = Math.Min(body.Length, 256) / unit * unit;
            for (int i = 0; i < end; i += unit)
            {
                firstNuls += body[i] == 0 ? 1 : 0;
                lastNuls += body[i + unit - 1] == 0 ? 1 : 0;
            }

            bool bigEndian = firstNuls > lastNuls;
            return utf32
                ? bigEndian ? CharsetNames.Utf32BigEndian : CharsetNames.Utf32LittleEndian
                : bigEndian ? CharsetNames.Utf16BigEndian : CharsetNames.Utf16LittleEndian;
        }

        return declared;
    }

    private static ReadOnlySpan<byte> EbcdicXmlStart => [0x4C, 0x6F, 0xA7, 0x94];

    /// <summary>The EBCDIC code page an XML declaration in EBCDIC names (read as IBM037, where its ASCII letters agree), else IBM037.</summary>
    private static Encoding EbcdicXmlEncoding(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> head = body[..Math.Min(body.Length, 200)];
        Span<char> chars = stackalloc char[head.Length];
        int count = CharsetNames.Ebcdic037.GetChars(head, chars);
        ReadOnlySpan<char> declaration = chars[..count];
        int end = declaration.IndexOf("?>");
        declaration = end < 0 ? declaration : declaration[..end];
        int at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return CharsetNames.Ebcdic037;
        }

        ReadOnlySpan<char> rest = declaration[(at + "encoding".Length)..].TrimStart(" \t\r\n");
        if (rest.IsEmpty || rest[0] != '=')
        {
            return CharsetNames.Ebcdic037;
        }

        rest = rest[1..].TrimStart(" \t\r\n");
        if (rest.IsEmpty || rest[0] is not ('"' or '\''))
        {
            return CharsetNames.Ebcdic037;
        }

        int close = rest[1..].IndexOf(rest[0]);
        ReadOnlySpan<char> name = close < 0 ? default : rest[1..(close + 1)];
        Span<byte> ascii = stackalloc byte[CharsetNames.MaxNameLength];
        if (name.IsEmpty || name.Length > ascii.Length || Encoding.ASCII.GetBytes(name, ascii) != name.Length)
        {
            return CharsetNames.Ebcdic037;
        }

        Encoding? named = CharsetNames.AsciiIncompatible(ascii[..name.Length]);
        return named is { IsSingleByte: true } ? named : CharsetNames.Ebcdic037;
    }
}
