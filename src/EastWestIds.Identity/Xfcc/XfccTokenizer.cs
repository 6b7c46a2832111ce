using System.Buffers;

namespace EastWestIds.Identity.Xfcc;

/// <summary>
/// The one XFCC scanner: yields validated pairs with their element boundaries, as ranges into the header.
/// </summary>
/// <remarks>
/// <para>
/// Why one scanner: the hot path (<see cref="XfccParser.Summarize"/>) and the allocating parser
/// (<see cref="XfccParser.Parse(string)"/>) must never disagree about where an element ends or which key a value
/// belongs to; a disagreement is exactly the kind of gap a forged header slips through. Both consume this struct, and
/// every syntax rule lives here.
/// </para>
/// <para>
/// Grammar (MESH-SEMANTICS §2.1, after Envoy <c>xfcc_value.cc</c>): elements split on <c>,</c> and pairs on <c>;</c>
/// only outside quotes; a <c>"</c> toggles quoting unless an odd number of backslashes precede it (counted anywhere,
/// as Envoy does); a pair splits at its first <c>=</c>; ASCII whitespace is trimmed around key and value; one pair
/// of surrounding quotes is removed. Stricter than Envoy (which never emits these, so they signal a forged or foreign
/// header; see <see cref="XfccError"/>): unknown keys, duplicate single-valued keys, empty elements or pairs and
/// quotes that do not wrap a whole value are errors. A <c>=</c> inside a bare value is accepted (Envoy does not
/// escape URI SANs, and the split at the first <c>=</c> is unambiguous); SPIFFE validation rejects such URIs.
/// </para>
/// <para>
/// Cost: one pass, vectorised with <see cref="SearchValues{T}"/>; a second pass over the rest of the header only
/// after an error, to let <see cref="XfccError.UnbalancedQuotes"/> take precedence. Never allocates.
/// </para>
/// </remarks>
internal ref struct XfccTokenizer
{
    private const byte ByteQuote = (byte)'"';
    private const byte ByteBackslash = (byte)'\\';
    private const byte ByteSemicolon = (byte)';';
    private const byte ByteComma = (byte)',';
    private const byte ByteEquals = (byte)'=';

    // Bits of single-valued keys seen in the current element (duplicates are errors: vector xfcc-parse-026).
    private const int SeenHash = 1, SeenCert = 2, SeenChain = 4, SeenSubject = 8;

    private static readonly SearchValues<byte> s_outsideQuotes = SearchValues.Create("\";,\\"u8);
    private static readonly SearchValues<byte> s_insideQuotes = SearchValues.Create("\"\\"u8);

    private readonly ReadOnlySpan<byte> _header;
    private int _position;
    private int _seenSingletons;
    private bool _atElementStart;
    private bool _finished;

    /// <summary>Starts scanning <paramref name="header"/> at its first pair.</summary>
    public XfccTokenizer(ReadOnlySpan<byte> header)
    {
        _header = header;
        _position = 0;
        _seenSingletons = 0;
        _atElementStart = true;
        _finished = false;
        Error = XfccError.None;
    }

    /// <summary>Why scanning stopped early; <see cref="XfccError.None"/> after a clean end.</summary>
    public XfccError Error { get; private set; }

    /// <summary>Reads the next pair; false at the end of the header or on error (see <see cref="Error"/>).</summary>
    public bool Read(out XfccPair pair)
    {
        pair = default;
        if (_finished)
        {
            return false;
        }

        int start = _position;
        if (!ScanPair(start, out int end, out int toggles, out bool escapedQuoteOutside))
        {
            return Fail(XfccError.UnbalancedQuotes);
        }

        bool startsElement = _atElementStart;
        bool atHeaderEnd = end == _header.Length;
        bool endsElement = atHeaderEnd || _header[end] == ByteComma;
        _position = end + 1;
        _atElementStart = endsElement;
        _finished = atHeaderEnd;

        var pairBytes = _header[start..end];
        int equals = pairBytes.IndexOf(ByteEquals);
        if (equals < 0)
        {
            if (!IsBlank(pairBytes))
            {
                return Fail(XfccError.MissingEquals);
            }

            // Whole header blank = no XFCC at all; a blank element or pair inside a header is malformed.
            if (startsElement && endsElement)
            {
                return Fail(start == 0 && atHeaderEnd ? XfccError.Empty : XfccError.EmptyElement);
            }

            return Fail(XfccError.EmptyPair);
        }

        var (keyStart, keyEnd) = Trim(pairBytes, 0, equals);
        if (keyStart == keyEnd)
        {
            return Fail(XfccError.EmptyKey);
        }

        var key = LookupKey(pairBytes[keyStart..keyEnd]);
        if (key == XfccKey.None)
        {
            return Fail(XfccError.UnknownKey);
        }

        var (valueStart, valueEnd) = Trim(_header, start + equals + 1, end);
        bool quoted = valueEnd - valueStart >= 2 && _header[valueStart] == ByteQuote && _header[valueEnd - 1] == ByteQuote;

        // The key is a known name, so every toggle in this pair is in the value. A quoted value toggles exactly twice
        // (its own quotes); a bare value never. Anything else would split differently in other parsers.
        if (escapedQuoteOutside || toggles != (quoted ? 2 : 0))
        {
            return Fail(XfccError.MisplacedQuote);
        }

        if (startsElement)
        {
            _seenSingletons = 0;
        }

        int singleton = key switch
        {
            XfccKey.Hash => SeenHash,
            XfccKey.Cert => SeenCert,
            XfccKey.Chain => SeenChain,
            XfccKey.Subject => SeenSubject,
            _ => 0,
        };
        if ((_seenSingletons & singleton) != 0)
        {
            return Fail(XfccError.DuplicateKey);
        }

        _seenSingletons |= singleton;

        if (quoted)
        {
            valueStart++;
            valueEnd--;
        }

        bool hasEscapes = quoted && NeedsUnescaping(_header[valueStart..valueEnd]);
        pair = new XfccPair(key, new Range(valueStart, valueEnd), quoted, hasEscapes, startsElement, endsElement);
        return true;
    }

    /// <summary>
    /// Keys are case-insensitive (§2.1); compared without copying. The key's bytes, each OR-ed with 0x20, are packed
    /// little-endian into a ulong and compared with the lower-case names: OR 0x20 lands in <c>a-z</c> only for ASCII
    /// letters, so this is an exact case-insensitive match for these all-letter names, in a handful of instructions.
    /// </summary>
    internal static XfccKey LookupKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is < 2 or > 7)
        {
            return XfccKey.None;
        }

        ulong packed = 0;
        for (int i = key.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | (uint)(key[i] | 0x20);
        }

        return packed switch
        {
            0x7962 => XfccKey.By,                  // "by"
            0x697275 => XfccKey.Uri,               // "uri"
            0x736E64 => XfccKey.Dns,               // "dns"
            0x6E6173 => XfccKey.San,               // "san"
            0x68736168 => XfccKey.Hash,            // "hash"
            0x74726563 => XfccKey.Cert,            // "cert"
            0x6E69616863 => XfccKey.Chain,         // "chain"
            0x7463656A627573 => XfccKey.Subject,   // "subject"
            _ => XfccKey.None,
        };
    }

    /// <summary>ASCII whitespace as absl::StripAsciiWhitespace sees it: space, \t, \n, \v, \f, \r.</summary>
    private static bool IsWhitespace(byte b) => b == (byte)' ' || (uint)(b - '\t') <= '\r' - '\t';

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (!IsWhitespace(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims whitespace off <c>bytes[start..end]</c>; the common case (none) costs two comparisons.</summary>
    private static (int Start, int End) Trim(ReadOnlySpan<byte> bytes, int start, int end)
    {
        while (start < end && IsWhitespace(bytes[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(bytes[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>True when Envoy's unescaping (<c>\"</c> → <c>"</c>, <c>\\</c> → <c>\</c>) would change <paramref name="value"/>.</summary>
    internal static bool NeedsUnescaping(ReadOnlySpan<byte> value)
    {
        int i = value.IndexOf(ByteBackslash);
        while (i >= 0 && i + 1 < value.Length)
        {
            byte next = value[i + 1];
            if (next == ByteQuote || next == ByteBackslash)
            {
                return true;
            }

            int further = value[(i + 1)..].IndexOf(ByteBackslash);
            i = further < 0 ? -1 : i + 1 + further;
        }

        return false;
    }

    /// <summary>
    /// Finds the end of the pair starting at <paramref name="start"/>: the next <c>;</c> or <c>,</c> outside quotes,
    /// or the end of the header. False when the header ends inside quotes.
    /// </summary>
    private readonly bool ScanPair(int start, out int end, out int toggles, out bool escapedQuoteOutside)
    {
        toggles = 0;
        escapedQuoteOutside = false;
        bool inQuotes = false;
        int i = start;
        while (true)
        {
            var rest = _header[i..];
            int k = inQuotes ? rest.IndexOfAny(s_insideQuotes) : rest.IndexOfAny(s_outsideQuotes);
            if (k < 0)
            {
                end = _header.Length;
                return !inQuotes;
            }

            i += k;
            byte c = _header[i];
            if (c == ByteBackslash)
            {
                // A run of backslashes: an odd run escapes the quote after it (Envoy countBackslashes). An even run
                // leaves the quote to the next iteration, which toggles on it.
                int run = _header[i..].IndexOfAnyExcept(ByteBackslash);
                run = run < 0 ? _header.Length - i : run;
                i += run;
                if ((run & 1) == 1 && i < _header.Length && _header[i] == ByteQuote)
                {
                    escapedQuoteOutside |= !inQuotes;
                    i++;
                }

                continue;
            }

            if (c == ByteQuote)
            {
                inQuotes = !inQuotes;
                toggles++;
                i++;
                continue;
            }

            end = i; // ';' or ',' outside quotes
            return true;
        }
    }

    /// <summary>Records <paramref name="error"/>, unless the rest of the header has unbalanced quotes, which wins.</summary>
    private bool Fail(XfccError error)
    {
        _finished = true;
        if (error != XfccError.UnbalancedQuotes && _position < _header.Length && !QuotesBalanced(_header[_position..]))
        {
            error = XfccError.UnbalancedQuotes;
        }

        Error = error;
        return false;
    }

    private static bool QuotesBalanced(ReadOnlySpan<byte> text)
    {
        bool inQuotes = false;
        int i = 0;
        while (true)
        {
            int k = text[i..].IndexOfAny(ByteQuote, ByteBackslash);
            if (k < 0)
            {
                return !inQuotes;
            }

            i += k;
            if (text[i] == ByteQuote)
            {
                inQuotes = !inQuotes;
                i++;
                continue;
            }

            int run = text[i..].IndexOfAnyExcept(ByteBackslash);
            run = run < 0 ? text.Length - i : run;
            i += run;
            if ((run & 1) == 1 && i < text.Length && text[i] == ByteQuote)
            {
                i++;
            }
        }
    }
}
