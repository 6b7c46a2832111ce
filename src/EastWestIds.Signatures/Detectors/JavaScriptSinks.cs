namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Finds script that needs no tag: a value that lands inside an existing script block or event handler
/// (<c>";alert(1)//</c>) or is evaluated (<c>eval(value)</c>). JavaScript is case-sensitive, so names are matched
/// exactly, which keeps prose ("Alert (s)") apart from code. Flagged: calls of the functions that run or show
/// strings (<c>alert</c>, <c>eval</c>, <c>setTimeout</c>, <c>Function</c>…) with script-like arguments or as
/// tagged templates; members of <c>document</c>/<c>window</c> and friends that read secrets or navigate
/// (<c>document.cookie</c>, <c>window.location</c>), also through brackets (<c>self["alert"]</c>); the constructor
/// chain (<c>constructor.constructor(…)</c>) and JSFuck's <c>!![]</c>. Whitespace and comments between the parts
/// are skipped, as the JavaScript parser does.
/// </summary>
internal static class JavaScriptSinks
{
    /// <summary>Names <see cref="FindByNames"/> finds by search before it walks the rest of the value.</summary>
    private const int MaxNameSearches = 16;

    /// <summary>How far past a name the look-ahead skips whitespace and comments: bounds the work per name.</summary>
    private const int MaxLookAhead = 64;

    private static readonly string[] s_functions =
        ["alert", "prompt", "confirm", "eval", "setTimeout", "setInterval", "setImmediate", "execScript", "Function", "atob", "btoa",
         "fromCharCode", "importScripts", "constructor"];

    private static readonly string[] s_globals = ["document", "window", "self", "top", "parent", "frames", "globalThis", "opener"];

    private static readonly string[] s_members =
        ["cookie", "domain", "location", "write", "writeln", "createElement", "body", "documentElement", "localStorage", "sessionStorage",
         "execCommand", "alert", "eval", "document", "querySelector", "getElementById", "referrer", "navigate", "constructor"];

    // For each first byte, bit n is set when a name the word walk acts on (a function, a global, "call", "apply") has
    // length n: a word whose bit is clear is none of them, which answers almost every word of a User-Agent or of prose
    // without comparing it with each name.
    private static readonly ulong[] s_sinkNameLengths = SinkNameLengths();

    private static readonly NameOccurrence s_sinkNames = new(SinkNames, StringComparison.Ordinal);

    private static readonly ByteSet s_identifierParts = new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$"u8);

    private static readonly System.Buffers.SearchValues<byte> s_sinkFollowers = System.Buffers.SearchValues.Create("(`.[)"u8);

    /// <summary>The first sink in <paramref name="input"/>: where it starts, how long, and its name.</summary>
    public static bool TryFind(ReadOnlySpan<byte> input, out int start, out int length, out ReadOnlySpan<byte> name) =>
        TryFind(input, askNames: true, out start, out length, out name);

    /// <summary>
    /// <see cref="TryFind(ReadOnlySpan{byte}, out int, out int, out ReadOnlySpan{byte})"/>; with
    /// <paramref name="askNames"/> false every word of every value is visited (<see cref="Walk"/>), never only those
    /// where a sink name occurs (<see cref="FindByNames"/>, which must agree with it; tests).
    /// </summary>
    internal static bool TryFind(ReadOnlySpan<byte> input, bool askNames, out int start, out int length, out ReadOnlySpan<byte> name)
    {
        // Every sink below continues its name with one of these (a call, a tagged template, a member or bracket access,
        // "(document)[…]", JSFuck's "![]"); without any, the word-by-word walk cannot find one, so short values and
        // plain prose skip it (the walk looks up every word, which made detect_xss the slow detector on prose).
        if (input.IndexOfAny(s_sinkFollowers) < 0)
        {
            start = length = 0;
            name = default;
            return false;
        }

        int jsfuck = JsFuck(input);
        if (askNames && input.Length >= NameOccurrence.WorthSearching)
        {
            if (FindByNames(input, out start, out length, out name))
            {
                return true;
            }
        }
        else if (Walk(input, 0, out start, out length, out name))
        {
            return true;
        }

        if (jsfuck >= 0)
        {
            start = jsfuck;
            length = 4;
            name = "![]"u8;
            return true;
        }

        start = length = 0;
        name = default;
        return false;
    }

    /// <summary>
    /// The first word from <paramref name="from"/> (a word boundary) that is a sink, visiting every word: a call or two
    /// per word, cheap on short values.
    /// </summary>
    private static bool Walk(ReadOnlySpan<byte> input, int from, out int start, out int length, out ReadOnlySpan<byte> name)
    {
        int i = from;
        while (true)
        {
            // each maximal run of identifier bytes is a word when it starts like one ("x86_64"); a run that starts
            // with a digit ("537.36", "3abc") holds no word, since no byte inside a run starts one
            int run = s_identifierParts.IndexOfAny(input, i);
            if (run == input.Length)
            {
                break;
            }

            int end = s_identifierParts.IndexOfAnyExcept(input, run + 1);
            var word = input[run..end];
            if (IsIdentifierStart(input[run]) && IsSinkAt(input, word, end, IsPathSegmentStart(input, run), out int sinkEnd))
            {
                start = run;
                length = sinkEnd - run;
                name = word;
                return true;
            }

            i = end;
        }

        start = length = 0;
        name = default;
        return false;
    }

    /// <summary>
    /// What <see cref="Walk"/> finds, visiting only the words where a sink name occurs: the walk acts on no other
    /// word (<see cref="IsSinkAt"/> holds only for those names), and a name that occurs inside a longer run of
    /// identifier bytes is not that run's word. In prose the walk made a call or two for every word, the costliest
    /// reading of detect_xss on text.
    /// </summary>
    private static bool FindByNames(ReadOnlySpan<byte> input, out int start, out int length, out ReadOnlySpan<byte> name)
    {
        int searches = 0;
        for (int at = s_sinkNames.IndexOf(input, 0); at >= 0; at = s_sinkNames.IndexOf(input, at + 1))
        {
            bool insideWord = at > 0 && IsIdentifierPart(input[at - 1]);
            if (++searches > MaxNameSearches)
            {
                // Each search widens the rest of the value again, so a value full of names (or of words holding one:
                // "stop", "desktop") walks the rest instead, from the next word boundary: every word before it either
                // started with a name, and was judged, or held none at its start, and is no sink.
                return Walk(input, insideWord ? s_identifierParts.IndexOfAnyExcept(input, at) : at, out start, out length, out name);
            }

            if (insideWord)
            {
                continue;
            }

            int end = s_identifierParts.IndexOfAnyExcept(input, at + 1);
            var word = input[at..end];
            if (IsSinkAt(input, word, end, IsPathSegmentStart(input, at), out int sinkEnd))
            {
                start = at;
                length = sinkEnd - at;
                name = word;
                return true;
            }
        }

        start = length = 0;
        name = default;
        return false;
    }

    /// <summary>
    /// JSFuck builds any program from <c>![]</c>, <c>+[]</c> and brackets; <c>![]</c> followed by anything but
    /// <c>(</c> is never Markdown (an image with empty alt text is <c>![](url)</c>).
    /// </summary>
    private static int JsFuck(ReadOnlySpan<byte> input)
    {
        int offset = 0;
        while (true)
        {
            int found = input[offset..].IndexOf("![]"u8);
            if (found < 0)
            {
                return -1;
            }

            int at = offset + found;
            if (at + 3 >= input.Length || input[at + 3] != (byte)'(')
            {
                return at;
            }

            offset = at + 3;
        }
    }

    /// <summary>
    /// Whether the word at <paramref name="at"/> directly follows a <c>/</c> that does not end a comment: a path segment
    /// (<c>/get/javascript-manual/document.cookie</c>, which CRS does not flag either: a file name without special
    /// characters). In script that slash divides or opens a regular expression, so a member read there
    /// (<c>a/document.cookie</c>) goes nowhere; a member call (<c>a/document.write(…)</c>) still runs and still counts.
    /// </summary>
    private static bool IsPathSegmentStart(ReadOnlySpan<byte> input, int at) =>
        at > 0 && input[at - 1] == (byte)'/' && (at < 2 || input[at - 2] != (byte)'*');

    /// <summary>
    /// Whether the word at <paramref name="at"/> is read as a member: a <c>.</c> before it, across whitespace, or a
    /// comment's end (<c>x./**/call</c>; comments are not read backwards, so any one counts).
    /// </summary>
    private static bool IsMemberName(ReadOnlySpan<byte> input, int at)
    {
        int before = input[..at].TrimEnd(" \t\n\r\f\v"u8).Length;
        return before > 0 && (input[before - 1] == (byte)'.' || input[..before].EndsWith("*/"u8));
    }

    private static bool IsSinkAt(ReadOnlySpan<byte> input, ReadOnlySpan<byte> word, int after, bool afterSlash, out int sinkEnd)
    {
        sinkEnd = after;
        if (!MayBeSinkName(word))
        {
            return false;
        }

        if (Contains(s_functions, word))
        {
            int next = SkipSpaceAndComments(input, after);
            if (next < input.Length && input[next] == (byte)'`')
            {
                sinkEnd = next + 1; // tagged template: alert`1`
                return true;
            }

            if (next < input.Length && input[next] == (byte)'(' && ScriptLikeArguments(input, next + 1))
            {
                sinkEnd = next + 1;
                return true;
            }
        }

        // Function.prototype.call/apply as a tagged template runs its first argument: [].sort.call`${alert}1`. Only as a
        // member: alone the words are prose, and Markdown quotes code after them ("you can call `fetch()`").
        if (word.SequenceEqual("call"u8) || word.SequenceEqual("apply"u8))
        {
            int next = SkipSpaceAndComments(input, after);
            if (next < input.Length && input[next] == (byte)'`' && IsMemberName(input, after - word.Length))
            {
                sinkEnd = next + 1;
                return true;
            }
        }

        if (Contains(s_globals, word))
        {
            int next = SkipSpaceAndComments(input, after);
            if (next < input.Length && input[next] == (byte)'.')
            {
                int member = SkipSpaceAndComments(input, next + 1);
                int memberEnd = member;
                while (memberEnd < input.Length && IsIdentifierPart(input[memberEnd]))
                {
                    memberEnd++;
                }

                if (Contains(s_members, input[member..memberEnd]) && (!afterSlash || IsCalled(input, memberEnd)))
                {
                    sinkEnd = memberEnd;
                    return true;
                }
            }
            else if (next + 1 < input.Length && input[next] == (byte)'[')
            {
                int inner = SkipSpaceAndComments(input, next + 1);
                if (inner < input.Length && input[inner] is (byte)'"' or (byte)'\'' or (byte)'`')
                {
                    sinkEnd = inner + 1; // computed member access by string: self["alert"], window['ev'+'al']
                    return true;
                }
            }
            else if (next < input.Length && input[next] == (byte)')' && word.SequenceEqual("document"u8))
            {
                // (document)["cookie"]
                int bracket = SkipSpaceAndComments(input, next + 1);
                if (bracket < input.Length && input[bracket] == (byte)'[')
                {
                    sinkEnd = bracket + 1;
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCalled(ReadOnlySpan<byte> input, int after)
    {
        int next = SkipSpaceAndComments(input, after);
        return next < input.Length && input[next] is (byte)'(' or (byte)'`';
    }

    /// <summary>
    /// Arguments that look like code, not like prose in parentheses: empty, a number, a string, or an expression with
    /// a member access, a call, an operator or a second argument. "alert(s)" in a sentence stays unflagged.
    /// </summary>
    private static bool ScriptLikeArguments(ReadOnlySpan<byte> input, int from)
    {
        int i = SkipSpaceAndComments(input, from);
        if (i >= input.Length)
        {
            return true; // the call is cut off at the end of the value: "alert(" is already a probe
        }

        byte c = input[i];
        if (c is (byte)')' or (byte)'"' or (byte)'\'' or (byte)'`' or (byte)'[' or (byte)'{' or (byte)'/' or (byte)'-' or (byte)'+' || (uint)(c - '0') <= 9)
        {
            return true;
        }

        int end = i;
        while (end < input.Length && IsIdentifierPart(input[end]))
        {
            end++;
        }

        if (end == i)
        {
            return false;
        }

        int next = SkipSpaceAndComments(input, end);
        return next < input.Length && input[next] is (byte)'.' or (byte)'(' or (byte)',' or (byte)'+' or (byte)'[';
    }

    private static int SkipSpaceAndComments(ReadOnlySpan<byte> input, int from)
    {
        int limit = Math.Min(input.Length, from + MaxLookAhead);
        int i = from;
        while (i < limit)
        {
            byte c = input[i];
            if (c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v')
            {
                i++;
            }
            else if (c == (byte)'/' && i + 1 < input.Length && input[i + 1] == (byte)'*')
            {
                int close = input[(i + 2)..limit].IndexOf("*/"u8);
                if (close < 0)
                {
                    return limit;
                }

                i += close + 4;
            }
            else
            {
                break;
            }
        }

        return Math.Min(i, input.Length);
    }

    /// <summary>The names the word walk acts on (for tests).</summary>
    internal static IEnumerable<string> SinkNames => s_functions.Concat(s_globals).Append("call").Append("apply");

    /// <summary>Whether <paramref name="word"/> names a global whose members are sinks (<c>document</c>, <c>window</c>, …).</summary>
    internal static bool IsGlobal(ReadOnlySpan<byte> word) => MayBeSinkName(word) && Contains(s_globals, word);

    /// <summary>Whether <paramref name="word"/> (an identifier, so ASCII) has the first byte and length of a sink name.</summary>
    internal static bool MayBeSinkName(ReadOnlySpan<byte> word) =>
        word.Length is > 0 and < 64 && word[0] < 0x80 && (s_sinkNameLengths[word[0]] >> word.Length & 1) != 0;

    private static ulong[] SinkNameLengths()
    {
        var lengths = new ulong[128];
        foreach (var name in SinkNames)
        {
            lengths[name[0]] |= 1UL << name.Length;
        }

        return lengths;
    }

    private static bool Contains(string[] names, ReadOnlySpan<byte> word)
    {
        foreach (var name in names)
        {
            if (word.Length == name.Length && System.Text.Ascii.Equals(word, name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierStart(byte c) => (uint)((c | 0x20) - 'a') <= 25 || c is (byte)'_' or (byte)'$';

    private static bool IsIdentifierPart(byte c) => IsIdentifierStart(c) || (uint)(c - '0') <= 9;
}
