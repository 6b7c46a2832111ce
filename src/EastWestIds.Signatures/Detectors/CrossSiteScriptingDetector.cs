using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// <c>detect_xss</c>: finds HTML/JavaScript injection in one decoded value with an HTML5-tokenizer-style scan (the
/// approach of libinjection's XSS check, reimplemented). The value is read the ways a browser could read it once
/// spliced into a page: as text (every <c>&lt;</c> that opens a tag), as the rest of a quoted attribute value
/// (after the first <c>"</c>, <c>'</c> or <c>`</c> the attacker's own attributes follow), and as a whole URL. It
/// flags tags that run script (<c>script</c>, <c>iframe</c>, <c>object</c>…), event-handler attributes, script URLs
/// (<c>javascript:</c>, <c>vbscript:</c>, non-image <c>data:</c>) in attributes, attributes dangerous by
/// themselves (<c>srcdoc</c>), and CSS that runs script; plain rich-text markup (<c>&lt;p&gt;</c>,
/// <c>&lt;a href="https://…"&gt;</c>, <c>&lt;img src=…&gt;</c>) passes.
/// </summary>
/// <remarks>
/// Cost is linear: the text scan visits each byte a constant number of times (each tag and attribute is parsed once,
/// style text in fixed stack chunks), and each quote context parses only up to the end of the tag it breaks into.
/// No token cap is needed because no step backtracks; nothing is allocated.
/// </remarks>
public static class CrossSiteScriptingDetector
{
    /// <summary>Whether <paramref name="input"/> carries HTML/JavaScript injection; <paramref name="match"/> says where and why.</summary>
    public static bool TryDetect(ReadOnlySpan<byte> input, out DetectorMatch match) => TryDetect(input, CharClasses.Unknown, out match);

    /// <summary>
    /// <see cref="TryDetect(ReadOnlySpan{byte}, out DetectorMatch)"/> for a value whose <see cref="CharClasses"/> are
    /// known: plain text (<see cref="XssPlainText"/>) is answered without the readings, and each reading that needs a
    /// byte the value cannot hold is skipped without searching for it (most values the matcher hands over are short,
    /// and each search has a setup cost).
    /// </summary>
    internal static bool TryDetect(ReadOnlySpan<byte> input, ulong classes, out DetectorMatch match) =>
        Detect(input, classes, askNames: true, out match);

    /// <summary>
    /// <see cref="TryDetect(ReadOnlySpan{byte}, ulong, out DetectorMatch)"/> with every word-walking reading run on
    /// every value, never skipped because none of the names it acts on occurs (the reference the skips must agree
    /// with; tests).
    /// </summary>
    internal static bool TryDetectWalkingEveryWord(ReadOnlySpan<byte> input, ulong classes, out DetectorMatch match) =>
        Detect(input, classes, askNames: false, out match);

    private static bool Detect(ReadOnlySpan<byte> input, ulong classes, bool askNames, out DetectorMatch match)
    {
        match = default;
        if (input.IsEmpty || XssPlainText.IsPlain(input, classes))
        {
            return false;
        }

        if ((classes & s_triggerClasses) == 0 || !input.ContainsAny(s_triggers))
        {
            // Without any trigger byte, every reading below but one is ruled out (see s_triggers); what is left is an
            // attribute name that is dangerous by itself, after a space: x srcdoc, x formaction.
            int blank = (classes & s_blankClasses) == 0 ? -1 : input.IndexOfAny(" \t\n\r\f"u8);
            return blank >= 0 && AttributesMayFlag(input, askNames) && ScanAttributes(input, blank, walkedFrom: -1, out _, out match);
        }

        // the whole value used as a link or image URL
        if ((classes & s_schemeClasses) != 0 && ScriptUrls.DangerousScheme(input, urlAttribute: false) is string scheme)
        {
            match = new DetectorMatch(0, input.Length, DetectorFingerprint.FromName(FingerprintKind.HtmlUrl, Ascii(scheme)));
            return true;
        }

        if ((classes & s_tagOpenerClasses) != 0 && input.ContainsAny(s_tagOpeners) && ScanText(input, out match))
        {
            return true;
        }

        // the value closes an attribute value and adds its own attributes: x" onmouseover="alert(1)
        bool attributes = AttributesMayFlag(input, askNames);
        int walked = -1; // where the first of these readings started: it found nothing, and the later ones stop on meeting it
        foreach (byte quote in "\"'`"u8)
        {
            int close = !attributes || (classes & CharClasses.Of(quote)) == 0 ? -1 : input.IndexOf(quote);
            if (close >= 0 && ScanAttributes(input, close + 1, walked, out _, out match))
            {
                return true;
            }

            walked = walked < 0 && close >= 0 && askNames ? close + 1 : walked;
        }

        // the value lands in an unquoted attribute value, which ends at the first whitespace: x onload=alert(1)
        int space = !attributes || (classes & s_blankClasses) == 0 ? -1 : input.IndexOfAny(" \t\n\r\f"u8);
        if (space >= 0 && ScanAttributes(input, space, walked, out _, out match))
        {
            return true;
        }

        // CSS that runs script, wherever it lands (these markers never occur in prose)
        if ((classes & s_styleClasses) != 0 && StyleScripts.FindOutsideStyle(input) is string cssMarker)
        {
            match = new DetectorMatch(0, input.Length, DetectorFingerprint.FromName(FingerprintKind.HtmlStyle, Ascii(cssMarker)));
            return true;
        }

        // the value lands inside a script or handler: ";alert(1)//, document.cookie
        if ((classes & s_sinkClasses) != 0 && JavaScriptSinks.TryFind(input, askNames, out int start, out int length, out var name))
        {
            match = new DetectorMatch(start, length, DetectorFingerprint.FromName(FingerprintKind.JavaScript, name));
            return true;
        }

        match = default;
        return false;
    }

    /// <summary>
    /// False when no attribute reading (<see cref="ScanAttributes"/> from a quote or a space) can flag
    /// <paramref name="input"/>: without <c>=</c> no attribute has a value, so only a name dangerous by itself could
    /// (<see cref="HtmlNames.IsBlackAttribute"/>), and none occurs (a NUL, which old parsers drop inside a name, may
    /// join one: <c>src\0doc</c>). Asked only of long values (<see cref="NameOccurrence"/>): in prose every word is an
    /// attribute name to each of these readings, and they were most of detect_xss's time on text.
    /// </summary>
    private static bool AttributesMayFlag(ReadOnlySpan<byte> input, bool askNames) =>
        !askNames || input.Length < NameOccurrence.WorthSearching || input.IndexOfAny((byte)'=', (byte)0) >= 0
        || s_blackAttributeNames.MayOccur(input);

    private static readonly NameOccurrence s_blackAttributeNames = new(HtmlNames.BlackAttributes, StringComparison.OrdinalIgnoreCase);

    /// <summary>Scans text for tags; each one is parsed once and the scan resumes after it.</summary>
    private static bool ScanText(ReadOnlySpan<byte> input, out DetectorMatch match)
    {
        int i = 0;
        while (true)
        {
            int open = input[i..].IndexOfAny(s_tagOpeners);
            if (open < 0)
            {
                break;
            }

            int lt = i + open;
            int openerLength = TagOpenerLength(input, lt);
            if (openerLength == 0)
            {
                i = lt + 1;
                continue;
            }

            int nameStart = lt + openerLength;
            bool processingInstruction = nameStart < input.Length && input[nameStart] == (byte)'?';
            if (nameStart < input.Length && input[nameStart] is (byte)'?' or (byte)':')
            {
                nameStart++; // <?import …> (IE's behaviour import) and <:vmlframe> read as tags by old parsers
            }

            if (nameStart < input.Length && input[nameStart] == (byte)'!' && IsServerSideInclude(input[(nameStart + 1)..]))
            {
                // <!--#exec cmd=…-->: a server-side include directive, run by the server that renders the page
                match = new DetectorMatch(lt, Math.Min(5, input.Length - lt), DetectorFingerprint.FromName(FingerprintKind.HtmlTag, "!--#"u8));
                return true;
            }

            if (nameStart < input.Length && input[nameStart] == (byte)'!' && StartsWithAscii(input[(nameStart + 1)..], "entity"))
            {
                // an XML entity declaration: the document defines what later markup expands to (XXE and XSS)
                match = new DetectorMatch(lt, Math.Min(8, input.Length - lt), DetectorFingerprint.FromName(FingerprintKind.HtmlTag, "!entity"u8));
                return true;
            }

            if (nameStart >= input.Length || !IsAsciiLetter(input[nameStart]))
            {
                // not a start tag: end tags, comments (IE's conditional comments still run what they hold,
                // so their content is scanned like text) and a literal "<"
                i = nameStart;
                continue;
            }

            int nameEnd = nameStart;
            while (nameEnd < input.Length && !IsTagNameEnd(input[nameEnd]))
            {
                nameEnd++;
            }

            var name = input[nameStart..nameEnd];
            // <?xml version=…?> and <?xml-stylesheet …?> are XML processing instructions that every XML document
            // and upload carries, not IE's <xml> data island: only their attributes are judged
            bool xmlInstruction = processingInstruction && HtmlNames.NameEquals(AlphanumericPrefix(name), "xml");
            if (!xmlInstruction && (HtmlNames.IsBlackTag(name) || HtmlNames.IsBlackTag(AlphanumericPrefix(name))))
            {
                var shown = HtmlNames.IsBlackTag(name) ? HtmlNames.LocalName(name) : AlphanumericPrefix(name);
                match = new DetectorMatch(lt, nameEnd - lt, DetectorFingerprint.FromName(FingerprintKind.HtmlTag, shown));
                return true;
            }

            if (ScanTagAttributes(input, lt, nameEnd, name, out int tagEnd, out match))
            {
                return true;
            }

            if (HtmlNames.NameEquals(HtmlNames.LocalName(name), "style") && StyleContent(input, tagEnd, out match))
            {
                return true;
            }

            i = Math.Max(tagEnd, nameEnd);
        }

        match = default;
        return false;
    }

    // Bytes one of which every flagged value holds, except a dangerous attribute name after a space. The whole value as
    // a URL needs ':' or a reference ('&', which can spell ':'); a tag needs an opener ('<', 0xBC, '+' of "+ADw-"); the
    // quote contexts a quote; an attribute with a value '='; CSS outside style needs "url(" or "-moz-binding" ('(' or
    // '-', or an escape '\' or reference '&' that decodes to one: normalizing only drops or decodes chars); script
    // without a tag needs a call, template, member or bracket ("(`.[)", JSFuck's "![]" included).
    private static readonly System.Buffers.SearchValues<byte> s_triggers = System.Buffers.SearchValues.Create(":&<+\"'`=()-\\.["u8.ToArray().Append((byte)0xBC).ToArray());

    // The classes (CharClasses) of the bytes each reading needs, one of which the value must hold for it to run: the
    // triggers; whitespace (\f is a control byte); ':' or '&' for a script URL (ScriptUrls.DangerousScheme); the tag
    // openers (0xBC is a high byte); '(' or '-' or what decodes to them for CSS (StyleScripts.FindOutsideStyle); a sink's
    // follower (JavaScriptSinks.TryFind).
    private static readonly ulong s_triggerClasses = CharClasses.Of(":&<+\"'`=()-\\.[\u00BC");
    private static readonly ulong s_blankClasses = CharClasses.Of(" \t\n\r\f");
    private static readonly ulong s_schemeClasses = CharClasses.Of(":&");
    private static readonly ulong s_tagOpenerClasses = CharClasses.Of("<\u00BC+");
    private static readonly ulong s_styleClasses = CharClasses.Of("(-\\&");
    private static readonly ulong s_sinkClasses = CharClasses.Of("(`.[)");

    // '<' and the bytes that start its look-alikes: 0xBC ('<' with the high bit set, which old IE read in US-ASCII
    // pages), U+FF1C FULLWIDTH LESS-THAN (EF BC 9C, folded to '<' by Unicode normalization) and UTF-7's "+ADw-"
    private static readonly System.Buffers.SearchValues<byte> s_tagOpeners = System.Buffers.SearchValues.Create([(byte)'<', (byte)0xBC, (byte)'+']);

    /// <summary>How many bytes the tag opener at <paramref name="at"/> spans (0 when it is not one).</summary>
    private static int TagOpenerLength(ReadOnlySpan<byte> input, int at)
    {
        byte b = input[at];
        if (b == (byte)'<')
        {
            return 1;
        }

        if (b == 0xBC)
        {
            // fullwidth '<' is EF BC 9C; a bare 0xBC (or the tail of U+00BC / U+043C) is the high-bit '<'
            return at + 1 < input.Length && input[at + 1] == 0x9C && at > 0 && input[at - 1] == 0xEF ? 2 : 1;
        }

        return input[at..].StartsWith("+ADw-"u8) ? 5 : 0;
    }

    private static bool ScanTagAttributes(ReadOnlySpan<byte> input, int lt, int from, ReadOnlySpan<byte> tagName, out int tagEnd, out DetectorMatch match)
    {
        if (ScanAttributes(input, from, walkedFrom: -1, out tagEnd, out match))
        {
            return true;
        }

        var local = HtmlNames.LocalName(tagName);

        // <meta http-equiv="refresh" content="0;url=…"> and <link rel="import"> load and run other documents
        var attributes = input[from..tagEnd];
        if ((HtmlNames.NameEquals(local, "meta") && (ContainsAscii(attributes, "http-equiv") || ContainsAscii(attributes, "utf-7")))
            || (HtmlNames.NameEquals(local, "link") && (ContainsAscii(attributes, "import") || ContainsAscii(attributes, "javascript")))
            || (HtmlNames.NameEquals(local, "include") && local.Length < tagName.Length))
        {
            match = new DetectorMatch(lt, tagEnd - lt, DetectorFingerprint.FromName(FingerprintKind.HtmlTag, local));
            return true;
        }

        return false;
    }

    /// <summary>The text of a &lt;style&gt; element up to its end tag, judged as CSS.</summary>
    private static bool StyleContent(ReadOnlySpan<byte> input, int from, out DetectorMatch match)
    {
        var rest = input[from..];
        int end = IndexOfAscii(rest, "</style");
        var css = end < 0 ? rest : rest[..end];
        if (StyleScripts.Find(css) is string marker)
        {
            match = new DetectorMatch(from, css.Length, DetectorFingerprint.FromName(FingerprintKind.HtmlStyle, Ascii(marker)));
            return true;
        }

        match = default;
        return false;
    }

    /// <summary>
    /// Parses attributes from <paramref name="from"/> to the end of the tag (<c>&gt;</c> or the input's end), as the
    /// HTML5 tokenizer's attribute states do: names end at whitespace, <c>/</c>, <c>=</c> or <c>&gt;</c>; values are
    /// quoted or run to whitespace or <c>&gt;</c>.
    /// </summary>
    /// <remarks>
    /// <paramref name="walkedFrom"/> is where an earlier reading of the same input started that flagged nothing, or -1.
    /// This one then stops, flagging nothing, at the first name where that one also stood: from a name on, a reading
    /// depends on nothing but that position, so the rest is the earlier reading's rest, and <paramref name="tagEnd"/>
    /// is the input's end. Why: a long text with quotes was read from the first of each quote and from the first
    /// space, four times over, and the readings meet within a few words (bench/README.md, session 22).
    /// </remarks>
    private static bool ScanAttributes(ReadOnlySpan<byte> input, int from, int walkedFrom, out int tagEnd, out DetectorMatch match)
    {
        int earlier = walkedFrom < 0 ? -1 : NameAt(input, walkedFrom);
        int i = from;
        while (true)
        {
            i = s_spaceOrSlash.IndexOfAnyExcept(input, i);
            if (i >= input.Length || input[i] == (byte)'>')
            {
                tagEnd = Math.Min(i + 1, input.Length);
                match = default;
                return false;
            }

            while (earlier >= 0 && earlier < i)
            {
                earlier = NameAt(input, ReadAttribute(input, earlier, out _, out _, out _));
            }

            if (earlier == i)
            {
                tagEnd = input.Length;
                match = default;
                return false; // the earlier reading's rest, which flagged nothing
            }

            int nameStart = i;
            i = ReadAttribute(input, nameStart, out ReadOnlySpan<byte> name, out bool hasValue, out ReadOnlySpan<byte> value);
            if (JudgeAttribute(name, hasValue, value, out var fingerprint))
            {
                match = new DetectorMatch(nameStart, i - nameStart, fingerprint);
                tagEnd = i;
                return true;
            }
        }
    }

    /// <summary>Where the next attribute name from <paramref name="at"/> starts, or -1 when the tag ends first.</summary>
    private static int NameAt(ReadOnlySpan<byte> input, int at)
    {
        int i = s_spaceOrSlash.IndexOfAnyExcept(input, at);
        return i >= input.Length || input[i] == (byte)'>' ? -1 : i;
    }

    /// <summary>Reads the attribute whose name starts at <paramref name="nameStart"/>; returns where it ends.</summary>
    private static int ReadAttribute(ReadOnlySpan<byte> input, int nameStart, out ReadOnlySpan<byte> name, out bool hasValue, out ReadOnlySpan<byte> value)
    {
        int i = s_attributeNameEnd.IndexOfAny(input, nameStart + 1); // a name may start with any byte, even '='
        name = input[nameStart..i];
        i = s_spaces.IndexOfAnyExcept(input, i);
        value = default;
        hasValue = false;
        if (i < input.Length && input[i] == (byte)'=')
        {
            hasValue = true;
            i = s_spaces.IndexOfAnyExcept(input, i + 1);
            if (i < input.Length && input[i] is (byte)'"' or (byte)'\'' or (byte)'`')
            {
                byte quote = input[i];
                int close = input[(i + 1)..].IndexOf(quote);
                int valueEnd = close < 0 ? input.Length : i + 1 + close;
                value = input[(i + 1)..valueEnd];
                i = Math.Min(valueEnd + 1, input.Length);
            }
            else
            {
                int valueStart = i;
                i = s_unquotedValueEnd.IndexOfAny(input, i);
                value = input[valueStart..i];
            }
        }

        return i;
    }

    // The HTML5 tokenizer's attribute states as byte sets (every word of prose or of a User-Agent is an "attribute
    // name" in its contexts, so these runs are crossed for every word; ByteSet says how).
    private static readonly ByteSet s_spaces = new(" \t\n\r\f"u8);
    private static readonly ByteSet s_spaceOrSlash = new(" \t\n\r\f/"u8);
    private static readonly ByteSet s_attributeNameEnd = new(" \t\n\r\f/>="u8);
    private static readonly ByteSet s_unquotedValueEnd = new(" \t\n\r\f>"u8);

    private static bool JudgeAttribute(ReadOnlySpan<byte> name, bool hasValue, ReadOnlySpan<byte> value, out DetectorFingerprint fingerprint)
    {
        if (hasValue && (HtmlNames.IsEventHandler(name) || (HtmlNames.IsHandlerLike(name) && LooksLikeScript(value))))
        {
            fingerprint = DetectorFingerprint.FromName(FingerprintKind.HtmlEventHandler, name);
            return true;
        }

        if (HtmlNames.IsBlackAttribute(name))
        {
            fingerprint = DetectorFingerprint.FromName(FingerprintKind.HtmlAttribute, HtmlNames.LocalName(name));
            return true;
        }

        if (hasValue && ScriptUrls.DangerousScheme(value, HtmlNames.IsUrlAttribute(name)) is string scheme)
        {
            fingerprint = DetectorFingerprint.FromName(FingerprintKind.HtmlUrl, Ascii(scheme));
            return true;
        }

        if (hasValue && HtmlNames.NameEquals(name, "style") && StyleScripts.Find(value) is string marker)
        {
            fingerprint = DetectorFingerprint.FromName(FingerprintKind.HtmlStyle, Ascii(marker));
            return true;
        }

        fingerprint = default;
        return false;
    }

    /// <summary>
    /// A value with call or template syntax: browsers add event names over time, so an unknown <c>on…</c> attribute
    /// counts when its value could be script; <c>onboarding=true</c> does not, nor an empty value, which runs nothing
    /// (a base64 token ends in <c>/onAbC=</c> by chance; a known handler such as <c>onload=</c> counts whatever its value).
    /// </summary>
    private static bool LooksLikeScript(ReadOnlySpan<byte> value) =>
        value.IndexOfAny("(`="u8) >= 0;

    private static bool IsServerSideInclude(ReadOnlySpan<byte> afterBang)
    {
        if (!afterBang.StartsWith("--#"u8))
        {
            return false;
        }

        var directive = afterBang[3..];
        foreach (var name in (ReadOnlySpan<string>)["exec", "include", "echo", "set", "config", "printenv", "fsize", "flastmod"])
        {
            if (StartsWithAscii(directive, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithAscii(ReadOnlySpan<byte> text, string lower) =>
        text.Length >= lower.Length && HtmlNames.NameEquals(text[..lower.Length], lower);

    /// <summary>The leading letters and digits of a tag name: <c>script+</c> (a form-encoded space) still names a script.</summary>
    private static ReadOnlySpan<byte> AlphanumericPrefix(ReadOnlySpan<byte> name)
    {
        int end = 0;
        while (end < name.Length && (IsAsciiLetter(name[end]) || (uint)(name[end] - '0') <= 9))
        {
            end++;
        }

        // a custom element (<iframe-like>) is its own tag, not an iframe
        return end < name.Length && name[end] == (byte)'-' ? default : name[..end];
    }

    private static bool ContainsAscii(ReadOnlySpan<byte> text, string lower) => IndexOfAscii(text, lower) >= 0;

    /// <summary>Case-insensitive search for an ASCII word (short, so a small stack copy of the needle).</summary>
    private static int IndexOfAscii(ReadOnlySpan<byte> text, string lower)
    {
        Span<byte> needleLower = stackalloc byte[16];
        Span<byte> needleUpper = stackalloc byte[16];
        for (int k = 0; k < lower.Length; k++)
        {
            needleLower[k] = (byte)lower[k];
            needleUpper[k] = (byte)char.ToUpperInvariant(lower[k]);
        }

        int offset = 0;
        while (true)
        {
            int first = text[offset..].IndexOfAny(needleLower[0], needleUpper[0]);
            if (first < 0)
            {
                return -1;
            }

            int at = offset + first;
            if (text.Length - at >= lower.Length && HtmlNames.NameEquals(text.Slice(at, lower.Length), lower))
            {
                return at;
            }

            offset = at + 1;
        }
    }

    private static ReadOnlySpan<byte> Ascii(string text)
    {
        // the markers are string literals of at most 16 ASCII chars; fingerprints keep 8
        return text switch
        {
            "javascript:" => "javascript:"u8,
            "vbscript:" => "vbscript:"u8,
            "livescript:" => "livescript:"u8,
            "mocha:" => "mocha:"u8,
            "data:" => "data:"u8,
            "expression(" => "expression("u8,
            "behavior:" => "behavior:"u8,
            "behaviour:" => "behaviour:"u8,
            "-moz-binding" => "-moz-binding"u8,
            "url(javascript" => "url(javascript"u8,
            "url(vbscript" => "url(vbscript"u8,
            "@import" => "@import"u8,
            _ => "?"u8,
        };
    }

    private static bool IsAsciiLetter(byte c) => (uint)((c | 0x20) - 'a') <= 25;

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f';

    private static bool IsTagNameEnd(byte c) => IsSpace(c) || c is (byte)'/' or (byte)'>';
}
