using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// YAML bodies (<c>application/yaml</c>, <c>application/x-yaml</c>, <c>text/yaml</c>, <c>text/x-yaml</c>,
/// <c>*/*+yaml</c>) for arguments, read line by line as a tolerant scanner, not a parser: a mapping key is an
/// <c>http.arg_name</c>, every scalar an <c>http.arg</c> value, whether plain (up to a comment), quoted (decoded, folded,
/// <see cref="YamlQuotedScalar"/>, over as many lines as it runs), a block scalar (<c>|</c> or <c>&gt;</c>: its more
/// indented lines, joined with line breaks or folded) or in a flow collection (<c>[a, "b"]</c>, <c>{k: v}</c>, read as
/// the JSON scanner reads a document). Tags, anchors and aliases are not values (the body rules read the tags, where a
/// deserialization gadget such as <c>!!python/object/apply</c> shows). Why: Kubernetes-style services, Python's PyYAML and
/// Spring's YAML converters take YAML bodies, and in YAML a payload is plain text between a key and a line end, or in
/// double quotes with escapes (<c>"\x27 OR 1=1--"</c>) that only decoding turns into the quote the service sees.
/// </summary>
public sealed partial class RequestBuffers
{
    private void ScanYaml(SegmentSource source, ReadOnlySpan<byte> body, int start)
    {
        int i = start;
        while (i < body.Length)
        {
            int lineEnd = LineEnd(body, i);
            int indent = IndentOf(body, i, lineEnd);
            int p = i + indent;
            i = NextLine(body, lineEnd);

            if (indent == 0 && (StartsMarker(body, p, lineEnd, "---"u8) || StartsMarker(body, p, lineEnd, "..."u8)))
            {
                p = SkipSpaces(body, p + 3, lineEnd); // a document marker; "--- !tag value" carries a value
            }
            else if (indent == 0 && p < lineEnd && body[p] == (byte)'%')
            {
                continue; // a directive
            }

            while (p < lineEnd && body[p] == (byte)'-' && (p + 1 == lineEnd || body[p + 1] is (byte)' ' or (byte)'\t'))
            {
                p = SkipSpaces(body, p + 1, lineEnd); // sequence entries: "- ", "- - "
            }

            if (p >= lineEnd || body[p] == (byte)'#')
            {
                continue;
            }

            int colon = MappingColon(body, p, lineEnd);
            if (colon >= 0)
            {
                AddYamlScalar(ArgNames, source, body, p, TrimEnd(body, p, colon), keyOnly: true);
                p = SkipSpaces(body, colon + 1, lineEnd);
                if (p >= lineEnd || body[p] == (byte)'#')
                {
                    continue;
                }
            }

            i = AddYamlValue(source, body, p, lineEnd, indent, i);
        }
    }

    /// <summary>
    /// The value at <paramref name="p"/> of a line indented <paramref name="indent"/>; returns where reading goes on (past
    /// the lines a quoted, block or flow value took, else <paramref name="next"/>).
    /// </summary>
    private int AddYamlValue(SegmentSource source, ReadOnlySpan<byte> body, int p, int lineEnd, int indent, int next)
    {
        // Properties: a tag (!!str, !ruby/object:Gem::Installer) or an anchor (&a) before the value; an alias (*a) is all.
        while (p < lineEnd && body[p] is (byte)'!' or (byte)'&' or (byte)'*')
        {
            bool alias = body[p] == (byte)'*';
            int space = body[p..lineEnd].IndexOfAny((byte)' ', (byte)'\t');
            if (alias || space < 0)
            {
                return next;
            }

            p = SkipSpaces(body, p + space, lineEnd);
        }

        if (p >= lineEnd)
        {
            return next;
        }

        byte first = body[p];
        if (first is (byte)'"' or (byte)'\'')
        {
            int close = ClosingYamlQuote(body, p + 1, first);
            int end = close < 0 ? body.Length : close;
            AddYamlQuoted(body, p + 1, end, doubleQuoted: first == (byte)'"');
            return close < 0 ? body.Length : close < lineEnd ? next : NextLine(body, LineEnd(body, close));
        }

        if (first is (byte)'|' or (byte)'>')
        {
            return AddBlockScalar(body, next, indent, folded: first == (byte)'>');
        }

        if (first is (byte)'[' or (byte)'{')
        {
            int end = FlowEnd(body, p);
            DecodingAnomalies before = _anomalies;
            ScanJson(body[..end], p);
            _anomalies = (_anomalies & ~DecodingAnomalies.MalformedJson) | (before & DecodingAnomalies.MalformedJson); // plain scalars are no JSON
            return end >= body.Length ? end : NextLine(body, LineEnd(body, Math.Max(end - 1, p)));
        }

        int comment = body[p..lineEnd].IndexOf(" #"u8);
        AddYamlScalar(Args, source, body, p, TrimEnd(body, p, comment < 0 ? lineEnd : p + comment), keyOnly: false);
        return next;
    }

    /// <summary>A key or plain value in [<paramref name="start"/>, <paramref name="end"/>); a quoted key decoded.</summary>
    private void AddYamlScalar(SegmentList list, SegmentSource source, ReadOnlySpan<byte> body, int start, int end, bool keyOnly)
    {
        if (end <= start)
        {
            return;
        }

        if (keyOnly && end - start >= 2 && body[start] is (byte)'"' or (byte)'\'' && body[end - 1] == body[start])
        {
            Span<byte> space = BeginArena((end - start) * 2);
            int written = YamlQuotedScalar.Decode(body[(start + 1)..(end - 1)], space, doubleQuoted: body[start] == (byte)'"');
            FlagNul(space[..written]);
            AddReference(list, SegmentSource.Arena, _arena.Commit(written), written);
            return;
        }

        AddValue(list, source, body, start, end - start, ValueDecoding.None);
    }

    private void AddYamlQuoted(ReadOnlySpan<byte> body, int start, int end, bool doubleQuoted)
    {
        if (end <= start)
        {
            return;
        }

        Span<byte> space = BeginArena((end - start) * 2);
        int written = YamlQuotedScalar.Decode(body[start..end], space, doubleQuoted);
        FlagNul(space[..written]);
        AddReference(Args, SegmentSource.Arena, _arena.Commit(written), written);
    }

    /// <summary>
    /// A block scalar whose lines start at <paramref name="from"/>: the lines indented more than <paramref name="parent"/>
    /// (and blank ones among them), their common indentation removed, joined with line breaks, or for a folded one
    /// (<c>&gt;</c>) with spaces where no blank line separates them. Returns where reading goes on.
    /// </summary>
    private int AddBlockScalar(ReadOnlySpan<byte> body, int from, int parent, bool folded)
    {
        int i = from;
        int contentIndent = -1;
        int end = from;
        while (i < body.Length)
        {
            int lineEnd = LineEnd(body, i);
            int indent = IndentOf(body, i, lineEnd);
            bool blank = i + indent >= lineEnd;
            if (!blank && indent <= parent)
            {
                break;
            }

            if (!blank && contentIndent < 0)
            {
                contentIndent = indent;
            }

            i = NextLine(body, lineEnd);
            end = i;
        }

        if (contentIndent < 0)
        {
            return end;
        }

        // Literal: each line and its break. Folded: lines joined with a space, a blank line kept as a break. One final
        // break either way (the chomping indicator is not read).
        Span<byte> space = BeginArena(end - from);
        int w = 0;
        bool previousText = false;
        for (int line = from; line < end && w < space.Length;)
        {
            int lineEnd = LineEnd(body, line);
            ReadOnlySpan<byte> text = body[Math.Min(line + contentIndent, lineEnd)..lineEnd];
            line = NextLine(body, lineEnd);
            if (text.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            {
                space[w++] = (byte)'\n';
                previousText = false;
                continue;
            }

            if (folded && previousText)
            {
                space[w++] = (byte)' ';
            }

            int n = Math.Min(text.Length, space.Length - w);
            text[..n].CopyTo(space[w..]);
            w += n;
            if (!folded && w < space.Length)
            {
                space[w++] = (byte)'\n';
            }

            previousText = true;
        }

        if (folded && previousText && w < space.Length)
        {
            space[w++] = (byte)'\n';
        }

        FlagNul(space[..w]);
        AddReference(Args, SegmentSource.Arena, _arena.Commit(w), w);
        return end;
    }

    /// <summary>
    /// The <c>:</c> that makes the line at <paramref name="p"/> a mapping entry (followed by a space or the line's end,
    /// outside a quoted key), or -1. A flow collection, a quoted or block value, or a comment first: none.
    /// </summary>
    private static int MappingColon(ReadOnlySpan<byte> body, int p, int lineEnd)
    {
        int k = p;
        if (body[p] is (byte)'"' or (byte)'\'')
        {
            int close = ClosingYamlQuote(body[..lineEnd], p + 1, body[p]);
            if (close < 0)
            {
                return -1;
            }

            k = close + 1;
        }
        else if (body[p] is (byte)'[' or (byte)'{' or (byte)'|' or (byte)'>' or (byte)'#')
        {
            return -1;
        }

        for (; k < lineEnd; k++)
        {
            if (body[k] == (byte)':' && (k + 1 == lineEnd || body[k + 1] is (byte)' ' or (byte)'\t'))
            {
                return k;
            }

            if (body[k] == (byte)'#' && body[k - 1] is (byte)' ' or (byte)'\t')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The closing quote of a quoted scalar whose content starts at <paramref name="from"/>, over line breaks; -1 when none.</summary>
    private static int ClosingYamlQuote(ReadOnlySpan<byte> body, int from, byte quote)
    {
        for (int k = from; k < body.Length; k++)
        {
            byte b = body[k];
            if (quote == (byte)'"' && b == (byte)'\\')
            {
                k++;
            }
            else if (b == quote)
            {
                if (quote == (byte)'\'' && k + 1 < body.Length && body[k + 1] == (byte)'\'')
                {
                    k++;
                    continue;
                }

                return k;
            }
        }

        return -1;
    }

    /// <summary>Just past the bracket closing the flow collection at <paramref name="p"/> (quotes respected), or the body's end.</summary>
    private static int FlowEnd(ReadOnlySpan<byte> body, int p)
    {
        int depth = 0;
        for (int k = p; k < body.Length; k++)
        {
            byte b = body[k];
            if (b is (byte)'"' or (byte)'\'')
            {
                int close = ClosingYamlQuote(body, k + 1, b);
                if (close < 0)
                {
                    return body.Length;
                }

                k = close;
            }
            else if (b is (byte)'[' or (byte)'{')
            {
                depth++;
            }
            else if (b is (byte)']' or (byte)'}' && --depth == 0)
            {
                return k + 1;
            }
        }

        return body.Length;
    }

    private static bool StartsMarker(ReadOnlySpan<byte> body, int p, int lineEnd, ReadOnlySpan<byte> marker) =>
        body[p..lineEnd].StartsWith(marker) && (p + 3 == lineEnd || body[p + 3] is (byte)' ' or (byte)'\t');

    private static int LineEnd(ReadOnlySpan<byte> body, int i)
    {
        int n = body[i..].IndexOf((byte)'\n');
        int end = n < 0 ? body.Length : i + n;
        return end > i && body[end - 1] == (byte)'\r' ? end - 1 : end;
    }

    private static int NextLine(ReadOnlySpan<byte> body, int lineEnd)
    {
        int n = body[lineEnd..].IndexOf((byte)'\n');
        return n < 0 ? body.Length : lineEnd + n + 1;
    }

    private static int IndentOf(ReadOnlySpan<byte> body, int i, int lineEnd)
    {
        int n = body[i..lineEnd].IndexOfAnyExcept((byte)' ');
        return n < 0 ? lineEnd - i : n;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> body, int p, int lineEnd)
    {
        while (p < lineEnd && body[p] is (byte)' ' or (byte)'\t')
        {
            p++;
        }

        return p;
    }

    private static int TrimEnd(ReadOnlySpan<byte> body, int start, int end)
    {
        while (end > start && body[end - 1] is (byte)' ' or (byte)'\t')
        {
            end--;
        }

        return end;
    }
}
