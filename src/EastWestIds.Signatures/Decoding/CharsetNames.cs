using System.Collections.Frozen;
using System.Text;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// The charsets a <c>Content-Type</c> may name in which ASCII letters and digits are not their ASCII bytes: UTF-16,
/// UTF-32 and the EBCDIC code pages (IBM037, IBM500, IBM1047, IBM01140–01149, IBM273, …), by the names and aliases
/// Java, Python and IANA use. Every other name (UTF-8, ISO-8859-x, Windows-125x, unknown ones) is ASCII-compatible
/// for the rules, which read the bytes as sent: an ASCII payload is the same bytes there.
/// </summary>
/// <remarks>
/// Why a fixed table: the name is attacker-controlled, so it is looked up by span without allocating, and an unknown
/// name must cost a failed lookup, never an exception (<see cref="Encoding.GetEncoding(string)"/> throws) or an entry
/// in a cache. The EBCDIC encodings come from .NET's <see cref="CodePagesEncodingProvider"/>, used directly rather than
/// registered, so nothing else in the process starts accepting these names.
/// </remarks>
internal static class CharsetNames
{
    /// <summary>Longer names are no charset of this table (the longest, <c>x-ebcdic-koreanextended</c>, has 23 chars).</summary>
    public const int MaxNameLength = 40;

    /// <summary>UTF-16 without a byte order: the byte order is read off the body (<see cref="BodyCharset"/>).</summary>
    public static readonly Encoding Utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);

    /// <summary>UTF-32 without a byte order: the byte order is read off the body.</summary>
    public static readonly Encoding Utf32 = new UTF32Encoding(bigEndian: false, byteOrderMark: false);

    public static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);

    public static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);

    public static readonly Encoding Utf32LittleEndian = new UTF32Encoding(bigEndian: false, byteOrderMark: false);

    public static readonly Encoding Utf32BigEndian = new UTF32Encoding(bigEndian: true, byteOrderMark: false);

    /// <summary>EBCDIC US/Canada, what an XML document that starts with EBCDIC <c>&lt;?xm</c> is read as until its declaration names another.</summary>
    public static Encoding Ebcdic037 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(37)!;

    // EBCDIC national variants by IANA alias (RFC 1345 / the IANA charset registry), for the code pages .NET has.
    private static readonly (string Alias, int CodePage)[] EbcdicAliases =
    [
        ("ebcdic-cp-us", 37), ("ebcdic-cp-ca", 37), ("ebcdic-cp-wt", 37), ("ebcdic-cp-nl", 37),
        ("ebcdic-cp-be", 500), ("ebcdic-cp-ch", 500), ("ebcdic-international", 500),
        ("ebcdic-cp-dk", 20277), ("ebcdic-cp-no", 20277), ("ebcdic-cp-fi", 20278), ("ebcdic-cp-se", 20278),
        ("ebcdic-cp-it", 20280), ("ebcdic-cp-es", 20284), ("ebcdic-cp-gb", 20285), ("ebcdic-cp-fr", 20297),
        ("ebcdic-cp-ar1", 20420), ("ebcdic-cp-he", 20424), ("ebcdic-cp-roece", 870), ("ebcdic-cp-yu", 870),
        ("ebcdic-cp-is", 20871), ("ebcdic-de-273+euro", 1141), ("ebcdic-us-37+euro", 1140),
    ];

    private static readonly FrozenDictionary<string, Encoding> s_byName = Build();

    private static readonly FrozenDictionary<string, Encoding>.AlternateLookup<ReadOnlySpan<char>> s_bySpan =
        s_byName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The encoding a charset name stands for when ASCII letters and digits are other bytes in it (case ignored,
    /// surrounding spaces and quotes already removed); null for every other name. Allocates nothing.
    /// </summary>
    public static Encoding? AsciiIncompatible(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxNameLength)
        {
            return null;
        }

        Span<char> chars = stackalloc char[MaxNameLength];
        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return s_bySpan.TryGetValue(chars[..name.Length], out Encoding? encoding) ? encoding : null;
    }

    /// <summary>True for the UTF-16 and UTF-32 encodings of this table (their byte order may still be open).</summary>
    public static bool IsUnicode(Encoding encoding) => encoding is UnicodeEncoding or UTF32Encoding;

    private static FrozenDictionary<string, Encoding> Build()
    {
        var names = new Dictionary<string, Encoding>(StringComparer.OrdinalIgnoreCase)
        {
            ["utf-16"] = Utf16, ["utf16"] = Utf16, ["ucs-2"] = Utf16, ["iso-10646-ucs-2"] = Utf16, ["csunicode"] = Utf16,
            ["unicode"] = Utf16, ["utf-16le"] = Utf16LittleEndian, ["utf16le"] = Utf16LittleEndian, ["x-utf-16le"] = Utf16LittleEndian,
            ["unicodelittleunmarked"] = Utf16LittleEndian, ["utf-16be"] = Utf16BigEndian, ["utf16be"] = Utf16BigEndian,
            ["x-utf-16be"] = Utf16BigEndian, ["unicodefffe"] = Utf16BigEndian, ["unicodebigunmarked"] = Utf16BigEndian,
            ["utf-32"] = Utf32, ["utf32"] = Utf32, ["ucs-4"] = Utf32, ["iso-10646-ucs-4"] = Utf32,
            ["utf-32le"] = Utf32LittleEndian, ["utf32le"] = Utf32LittleEndian, ["x-utf-32le"] = Utf32LittleEndian,
            ["utf-32be"] = Utf32BigEndian, ["utf32be"] = Utf32BigEndian, ["x-utf-32be"] = Utf32BigEndian,
        };

        var byCodePage = new Dictionary<int, Encoding>();
        foreach (EncodingInfo info in CodePagesEncodingProvider.Instance.GetEncodings())
        {
            Encoding encoding = info.GetEncoding();
            if (!MovesAsciiAlphanumerics(encoding))
            {
                continue;
            }

            byCodePage[info.CodePage] = encoding;
            names.TryAdd(info.Name, encoding);
            names.TryAdd(encoding.WebName, encoding);
            foreach (string alias in IbmAliases(info.Name))
            {
                names.TryAdd(alias, encoding);
            }
        }

        foreach ((string alias, int codePage) in EbcdicAliases)
        {
            if (byCodePage.TryGetValue(codePage, out Encoding? encoding))
            {
                names.TryAdd(alias, encoding);
            }
        }

        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when some ASCII letter or digit byte decodes to another char: EBCDIC. The ISO 646 national variants
    /// (<c>x-IA5-German</c>) only move punctuation, and a payload in them is the ASCII bytes a rule already reads.
    /// </summary>
    private static bool MovesAsciiAlphanumerics(Encoding encoding)
    {
        if (!encoding.IsSingleByte)
        {
            return false;
        }

        Span<byte> one = stackalloc byte[1];
        Span<char> decoded = stackalloc char[4];
        for (int b = '0'; b <= 'z'; b++)
        {
            if (char.IsAsciiLetterOrDigit((char)b))
            {
                one[0] = (byte)b;
                if (encoding.GetChars(one, decoded) != 1 || decoded[0] != (char)b)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>IBM037</c> is also <c>ibm-37</c>, <c>ibm-037</c>, <c>cp037</c>, <c>cp37</c>, <c>csIBM037</c> (Java's and IANA's
    /// spellings); <c>IBM01140</c> also <c>ibm1140</c>, <c>cp1140</c>, <c>ibm-1140</c>.
    /// </summary>
    private static IEnumerable<string> IbmAliases(string name)
    {
        if (!name.StartsWith("IBM", StringComparison.OrdinalIgnoreCase) || !int.TryParse(name.AsSpan(3), out int number))
        {
            yield break;
        }

        foreach (string digits in new[] { number.ToString(System.Globalization.CultureInfo.InvariantCulture), name[3..] }.Distinct())
        {
            yield return "ibm" + digits;
            yield return "ibm-" + digits;
            yield return "cp" + digits;
            yield return "csibm" + digits;
        }
    }
}
