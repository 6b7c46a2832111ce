namespace EastWestIds.Signatures.Syntax;

/// <summary>
/// One <c>name[:value];</c> element of a rule's option list, as written. <see cref="Value"/> is the text between the
/// first <c>:</c> and the terminating unescaped <c>;</c>, trimmed, with escapes still in place: each keyword decides
/// how to read it (<c>msg</c> unescapes <c>\;</c>, <c>\"</c>, <c>\\</c>; <c>pcre</c> hands backslashes to the regex;
/// <c>content</c> also decodes <c>|hex|</c> blocks). See <see cref="OptionValue"/>.
/// </summary>
/// <param name="Name">The keyword name as written (matched case-insensitively).</param>
/// <param name="Value">The raw value, or <see langword="null"/> when the option had no <c>:</c>.</param>
/// <param name="Location">Where the keyword name starts.</param>
/// <param name="ValueLocation">Where the value starts (same as <paramref name="Location"/> without a value).</param>
public sealed record SignatureOptionSyntax(string Name, string? Value, SourceLocation Location, SourceLocation ValueLocation);
