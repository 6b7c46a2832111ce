using System.Text.RegularExpressions;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>pcre:[!]"/pattern/flags";</c> — a regular expression on the current buffer. The pattern keeps its
/// backslashes (they belong to the regex; <c>\;</c> and <c>\"</c> are valid regex escapes too). Flags: PCRE's
/// <c>i m s x</c> map to <see cref="RegexOptions"/>; <c>A</c> (anchored), <c>E</c> (dollar matches only at the
/// very end) and Suricata's <c>R</c> (relative to the previous match) are recorded for the matcher; the buffer
/// flags <c>U I P H D M C V W</c> select a buffer like a sticky buffer would. <c>G</c> (ungreedy) has no .NET
/// equivalent and response buffers (<c>S</c>, <c>Y</c>) do not exist here: both are errors.
/// </summary>
/// <remarks>
/// Backtracking safety: the pattern runs with <see cref="RegexOptions.NonBacktracking"/> (linear time in the
/// input). Constructs that engine rejects (backreferences, lookarounds, atomic groups, conditionals) are reported
/// in <see cref="NonBacktrackingRejection"/> and the loader turns it into a warning; such a rule runs with the
/// backtracking engine under a match timeout. A pattern .NET cannot compile at all is an error.
/// </remarks>
/// <param name="Pattern">The regex source between the slashes.</param>
/// <param name="Options">.NET options equivalent to the PCRE flags (without <see cref="RegexOptions.NonBacktracking"/>).</param>
/// <param name="Negated">True for <c>!"…"</c>: the rule needs the pattern not to match.</param>
/// <param name="Relative">Suricata's <c>R</c>: match after the previous content or pcre match.</param>
/// <param name="Anchored">PCRE's <c>A</c>: match only at the start position.</param>
/// <param name="DollarEndOnly">PCRE's <c>E</c>: <c>$</c> matches only at the very end.</param>
/// <param name="Buffer">The buffer chosen by a buffer flag, or <see langword="null"/> for the current sticky buffer.</param>
/// <param name="NonBacktrackingRejection">Why <see cref="RegexOptions.NonBacktracking"/> refused the pattern, or <see langword="null"/>.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record PcreOption(
    string Pattern,
    RegexOptions Options,
    bool Negated,
    bool Relative,
    bool Anchored,
    bool DollarEndOnly,
    InspectionBuffer? Buffer,
    string? NonBacktrackingRejection,
    SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "pcre";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string value = ctx.Value;
        bool negated = value.StartsWith('!');
        if (negated)
        {
            value = value[1..].TrimStart();
        }

        if (!OptionValue.TryUnquote(value, out string inner, out string? error))
        {
            return ctx.Error(error!);
        }

        int last = inner.LastIndexOf('/');
        if (inner.Length < 2 || inner[0] != '/' || last == 0)
        {
            return ctx.Error("expected \"/pattern/flags\"");
        }

        string pattern = inner[1..last];
        RegexOptions options = RegexOptions.CultureInvariant;
        bool relative = false, anchored = false, dollarEndOnly = false;
        InspectionBuffer? buffer = null;
        foreach (char flag in inner[(last + 1)..])
        {
            InspectionBuffer? flagBuffer = null;
            switch (flag)
            {
                case 'i': options |= RegexOptions.IgnoreCase; break;
                case 'm': options |= RegexOptions.Multiline; break;
                case 's': options |= RegexOptions.Singleline; break;
                case 'x': options |= RegexOptions.IgnorePatternWhitespace; break;
                case 'A': anchored = true; break;
                case 'E': dollarEndOnly = true; break;
                case 'R': relative = true; break;
                case 'U': flagBuffer = InspectionBuffer.HttpUri; break;
                case 'I': flagBuffer = InspectionBuffer.HttpUriRaw; break;
                case 'P': flagBuffer = InspectionBuffer.HttpRequestBody; break;
                case 'H': flagBuffer = InspectionBuffer.HttpHeader; break;
                case 'D': flagBuffer = InspectionBuffer.HttpHeaderRaw; break;
                case 'M': flagBuffer = InspectionBuffer.HttpMethod; break;
                case 'C': flagBuffer = InspectionBuffer.HttpCookie; break;
                case 'V': flagBuffer = InspectionBuffer.HttpUserAgent; break;
                case 'W': flagBuffer = InspectionBuffer.HttpHost; break;
                case 'Z': flagBuffer = InspectionBuffer.HttpHostRaw; break;
                case 'G': return ctx.Error("flag 'G' (ungreedy) has no .NET equivalent; make the quantifiers lazy instead");
                case 'S' or 'Y' or 'Q': return ctx.Error($"flag '{flag}' selects a response buffer; EastWestIds sees requests only");
                default: return ctx.Error($"unknown flag '{flag}' (supported: i m s x A E R U I P H D M C V W Z)");
            }

            if (flagBuffer is not null)
            {
                if (buffer is not null && buffer != flagBuffer)
                {
                    return ctx.Error($"flags select two buffers ({buffer} and {flagBuffer})");
                }

                buffer = flagBuffer;
            }
        }

        if (pattern.Length == 0)
        {
            return ctx.Error("pattern is empty");
        }

        // Syntax check with the backtracking parser (cheap); NonBacktracking support is read from the text (see
        // NonBacktrackingSupport for why the NonBacktracking regex itself is not built here).
        if (PatternSyntax.Error(pattern, options) is { } syntaxError)
        {
            return ctx.Error($"pattern does not compile: {syntaxError}");
        }

        string? rejection = NonBacktrackingSupport.Rejection(pattern);
        return new PcreOption(pattern, options, negated, relative, anchored, dollarEndOnly, buffer, rejection, ctx.Option.Location);
    }
}
