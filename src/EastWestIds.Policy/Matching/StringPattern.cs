using System.Text;

namespace EastWestIds.Policy.Matching;

/// <summary>
/// One value of Istio's string match syntax compiled to bytes: <c>abc</c> exact, <c>abc*</c> prefix, <c>*abc</c>
/// suffix, <c>*</c> any; a <c>*</c> anywhere else is a literal character (<c>I: matcher/string.go</c>).
/// </summary>
public sealed class StringPattern
{
    private readonly byte[] _text;
    private readonly byte[] _prefix;

    private StringPattern(StringPatternKind kind, byte[] text, byte[] prefix, bool ignoreCase)
    {
        Kind = kind;
        _text = text;
        _prefix = prefix;
        IgnoreCase = ignoreCase;
    }

    /// <summary>The form.</summary>
    public StringPatternKind Kind { get; }

    /// <summary>True when ASCII case is ignored (hosts).</summary>
    public bool IgnoreCase { get; }

    /// <summary>
    /// Compiles <paramref name="value"/> as <c>StringMatcherWithPrefix</c> does: <paramref name="fixedPrefix"/> goes
    /// in front of exact and prefix forms, a suffix form becomes "prefix, anything, suffix", and <c>*</c> ignores the
    /// prefix.
    /// </summary>
    /// <param name="value">The policy value.</param>
    /// <param name="fixedPrefix">Text the attribute always starts with in the policy's eyes (<c>spiffe://</c> for principals).</param>
    /// <param name="ignoreCase">Ignore ASCII case.</param>
    /// <param name="starIsPresence">Compile <c>*</c> as "present" (headers) rather than "non-empty".</param>
    public static StringPattern Parse(string value, string fixedPrefix = "", bool ignoreCase = false, bool starIsPresence = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var prefix = Encoding.UTF8.GetBytes(fixedPrefix);
        if (value == "*")
        {
            return new StringPattern(starIsPresence ? StringPatternKind.Present : StringPatternKind.NonEmpty, [], [], ignoreCase);
        }

        if (value.StartsWith('*'))
        {
            var suffix = Encoding.UTF8.GetBytes(value[1..]);
            return prefix.Length == 0
                ? new StringPattern(StringPatternKind.Suffix, suffix, [], ignoreCase)
                : new StringPattern(StringPatternKind.PrefixThenSuffix, suffix, prefix, ignoreCase);
        }

        if (value.EndsWith('*'))
        {
            return new StringPattern(StringPatternKind.Prefix, Encoding.UTF8.GetBytes(fixedPrefix + value[..^1]), [], ignoreCase);
        }

        return new StringPattern(StringPatternKind.Exact, Encoding.UTF8.GetBytes(fixedPrefix + value), [], ignoreCase);
    }

    /// <summary>An exact match on <paramref name="value"/> taken literally, stars included.</summary>
    public static StringPattern Literal(string value, bool ignoreCase = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new StringPattern(StringPatternKind.Exact, Encoding.UTF8.GetBytes(value), [], ignoreCase);
    }

    /// <summary>True when a present <paramref name="value"/> matches.</summary>
    public bool Matches(ReadOnlySpan<byte> value) => Matches(value, IgnoreCase);

    /// <summary>True when a present <paramref name="value"/> matches, ASCII case ignored when <paramref name="ignoreCase"/> (or <see cref="IgnoreCase"/>).</summary>
    public bool Matches(ReadOnlySpan<byte> value, bool ignoreCase)
    {
        ignoreCase |= IgnoreCase;
        return Kind switch
        {
            StringPatternKind.Exact => Equal(value, _text, ignoreCase),
            StringPatternKind.Prefix => value.Length >= _text.Length && Equal(value[.._text.Length], _text, ignoreCase),
            StringPatternKind.Suffix => value.Length >= _text.Length && Equal(value[^_text.Length..], _text, ignoreCase),
            StringPatternKind.PrefixThenSuffix => value.Length >= _prefix.Length + _text.Length
                && Equal(value[.._prefix.Length], _prefix, ignoreCase)
                && Equal(value[^_text.Length..], _text, ignoreCase),
            StringPatternKind.NonEmpty => value.Length > 0,
            StringPatternKind.Present => true,
            _ => false,
        };
    }

    private static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, bool ignoreCase) =>
        ignoreCase ? Ascii.EqualsIgnoreCase(a, b) : a.SequenceEqual(b);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        StringPatternKind.Exact => Encoding.UTF8.GetString(_text),
        StringPatternKind.Prefix => Encoding.UTF8.GetString(_text) + "*",
        StringPatternKind.Suffix => "*" + Encoding.UTF8.GetString(_text),
        StringPatternKind.PrefixThenSuffix => Encoding.UTF8.GetString(_prefix) + "*" + Encoding.UTF8.GetString(_text),
        _ => "*",
    };
}
