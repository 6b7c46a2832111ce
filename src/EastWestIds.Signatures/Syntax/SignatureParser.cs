using System.Text;

namespace EastWestIds.Signatures.Syntax;

/// <summary>
/// Turns rule text into <see cref="SignatureSyntax"/>: one rule per logical line, where a physical line ending in
/// <c>\</c> continues on the next; lines starting with <c>#</c> and blank lines are skipped. A rule is
/// <c>action protocol src sport -&gt; dst dport (name[:value]; …)</c>; an option value runs to the first
/// <c>;</c> not escaped by a backslash (Suricata's rule, so a <c>;</c> inside quotes must still be written
/// <c>\;</c>). Nothing here knows what a keyword means: that is <see cref="Keywords.KeywordRegistry"/>'s job.
/// </summary>
/// <remarks>
/// Operator input: every problem becomes a <see cref="SignatureLoadError"/> (with the physical line and column,
/// continuation lines included) and parsing continues with the next rule, so one pass reports all of them.
/// </remarks>
public static class SignatureParser
{
    private const int HeaderFieldCount = 7;

    /// <summary>Parses every rule of <paramref name="text"/>; problems are appended to <paramref name="errors"/>.</summary>
    /// <param name="text">The content of a rule file.</param>
    /// <param name="file">The file name to put in locations and errors.</param>
    /// <param name="errors">Receives one entry per malformed rule element.</param>
    /// <returns>The rules that parsed, in file order.</returns>
    public static IReadOnlyList<SignatureSyntax> Parse(string text, string file, ICollection<SignatureLoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(errors);

        var rules = new List<SignatureSyntax>();
        foreach (LogicalLine line in LogicalLine.Split(text, file))
        {
            if (TryParseRule(line, errors) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static SignatureSyntax? TryParseRule(LogicalLine line, ICollection<SignatureLoadError> errors)
    {
        string text = line.Text;
        int open = text.IndexOf('(');
        if (open < 0)
        {
            Report(errors, line, 0, "rule has no option list: expected '(' after the header");
            return null;
        }

        var fields = new List<(string Text, int Offset)>(HeaderFieldCount);
        int depth = 0;
        int start = -1;
        for (int i = 0; i <= open; i++)
        {
            char c = i < open ? text[i] : ' ';
            if (char.IsWhiteSpace(c) && depth == 0)
            {
                if (start >= 0)
                {
                    fields.Add((text[start..i], start));
                    start = -1;
                }

                continue;
            }

            if (start < 0)
            {
                start = i;
            }

            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        }

        int leading = 0;
        while (leading < text.Length && char.IsWhiteSpace(text[leading]))
        {
            leading++;
        }

        if (fields.Count != HeaderFieldCount)
        {
            Report(errors, line, leading,
                $"rule header needs {HeaderFieldCount} fields (action protocol source port direction destination port), found {fields.Count}");
            return null;
        }

        RuleDirection direction;
        switch (fields[4].Text)
        {
            case "->":
                direction = RuleDirection.ToDestination;
                break;
            case "<>":
                direction = RuleDirection.Bidirectional;
                break;
            default:
                Report(errors, line, fields[4].Offset, $"direction must be '->' or '<>', not '{fields[4].Text}'");
                return null;
        }

        int close = text.Length - 1;
        while (close > open && char.IsWhiteSpace(text[close]))
        {
            close--;
        }

        if (close <= open || text[close] != ')')
        {
            Report(errors, line, open, "option list is not closed by ')' at the end of the rule");
            return null;
        }

        List<SignatureOptionSyntax>? options = ParseOptions(line, open + 1, close, errors);
        if (options is null)
        {
            return null;
        }

        return new SignatureSyntax(
            fields[0].Text, fields[1].Text, fields[2].Text, fields[3].Text, direction, fields[5].Text, fields[6].Text,
            options, line.Locate(leading), text.Trim());
    }

    private static List<SignatureOptionSyntax>? ParseOptions(LogicalLine line, int start, int end, ICollection<SignatureLoadError> errors)
    {
        string text = line.Text;
        var options = new List<SignatureOptionSyntax>();
        bool failed = false;
        int i = start;
        while (true)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            int nameStart = i;
            while (i < end && text[i] != ':' && text[i] != ';')
            {
                i++;
            }

            string name = text[nameStart..i].Trim();
            if (name.Length == 0 || name.AsSpan().ContainsAny(" \t\"()"))
            {
                Report(errors, line, nameStart, name.Length == 0 ? "empty option name" : $"'{name}' is not a valid option name");
                failed = true;
            }

            string? value = null;
            int valueOffset = nameStart;
            if (i < end && text[i] == ':')
            {
                i++;
                valueOffset = i;
                while (i < end && (text[i] != ';' || OptionValue.IsEscaped(text, i)))
                {
                    i++;
                }

                string raw = text[valueOffset..i];
                int trimmed = raw.Length - raw.TrimStart().Length;
                valueOffset += trimmed;
                value = raw.Trim();
            }

            if (i >= end)
            {
                Report(errors, line, nameStart, $"option '{name}' is not terminated by ';'");
                return null;
            }

            i++; // the ';'
            options.Add(new SignatureOptionSyntax(name, value, line.Locate(nameStart), line.Locate(valueOffset)));
        }

        return failed ? null : options;
    }

    private static void Report(ICollection<SignatureLoadError> errors, LogicalLine line, int offset, string message)
    {
        SourceLocation at = line.Locate(offset);
        errors.Add(new SignatureLoadError(at.File, at.Line, at.Column, line.FindSid(), message));
    }

    /// <summary>A rule after joining continuation lines, with a map back to physical lines and columns.</summary>
    private sealed class LogicalLine(string file, string text, List<(int Offset, int Line, int Column)> segments)
    {
        public string Text { get; } = text;

        public SourceLocation Locate(int offset)
        {
            (int Offset, int Line, int Column) segment = segments[0];
            foreach ((int Offset, int Line, int Column) candidate in segments)
            {
                if (candidate.Offset > offset)
                {
                    break;
                }

                segment = candidate;
            }

            return new SourceLocation(file, segment.Line, segment.Column + offset - segment.Offset);
        }

        /// <summary>Best-effort sid for errors in a rule that did not parse: the digits after <c>sid:</c>.</summary>
        public long? FindSid()
        {
            // An option name starts after '(' or ';' (and spaces); "sid:" inside a msg does not.
            int at = -1;
            for (int i = Text.IndexOf("sid:", StringComparison.OrdinalIgnoreCase); i >= 0;
                 i = Text.IndexOf("sid:", i + 4, StringComparison.OrdinalIgnoreCase))
            {
                int before = i - 1;
                while (before >= 0 && char.IsWhiteSpace(Text[before]))
                {
                    before--;
                }

                if (before >= 0 && Text[before] is ';' or '(')
                {
                    at = i;
                }
            }

            if (at < 0)
            {
                return null;
            }

            ReadOnlySpan<char> rest = Text.AsSpan(at + 4).TrimStart();
            int digits = 0;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            return long.TryParse(rest[..digits], out long sid) ? sid : null;
        }

        public static IEnumerable<LogicalLine> Split(string text, string file)
        {
            string[] physical = text.Split('\n');
            StringBuilder? pending = null;
            List<(int, int, int)>? segments = null;
            for (int index = 0; index < physical.Length; index++)
            {
                string raw = physical[index].TrimEnd('\r');
                int lineNumber = index + 1;
                if (pending is null)
                {
                    string trimmed = raw.Trim();
                    if (trimmed.Length == 0 || trimmed[0] == '#')
                    {
                        continue;
                    }

                    pending = new StringBuilder();
                    segments = [];
                }

                string content = raw.TrimEnd();
                bool continues = content.EndsWith('\\') && !OptionValue.IsEscaped(content, content.Length - 1);
                segments!.Add((pending.Length, lineNumber, 1));
                pending.Append(continues ? content[..^1] : content);
                if (!continues)
                {
                    yield return new LogicalLine(file, pending.ToString(), segments);
                    pending = null;
                }
            }

            if (pending is not null)
            {
                yield return new LogicalLine(file, pending.ToString(), segments!);
            }
        }
    }
}
