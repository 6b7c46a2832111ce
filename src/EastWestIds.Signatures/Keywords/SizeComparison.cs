using System.Globalization;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// The size test of <c>bsize</c> and <c>urilen</c>, in Suricata's forms: <c>N</c>, <c>&lt;N</c>, <c>&gt;N</c>,
/// <c>&lt;=N</c>, <c>&gt;=N</c> and <c>A&lt;&gt;B</c> (A &lt; B, exclusive bounds).
/// </summary>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">N, or A for <see cref="SizeOperator.Between"/>.</param>
/// <param name="UpperBound">B for <see cref="SizeOperator.Between"/>, else equal to <paramref name="Value"/>.</param>
public readonly record struct SizeComparison(SizeOperator Operator, long Value, long UpperBound)
{
    /// <summary>Parses one of the forms above; <paramref name="error"/> says why not.</summary>
    public static bool TryParse(string text, out SizeComparison comparison, out string? error)
    {
        comparison = default;
        string s = text.Trim();
        int between = s.IndexOf("<>", StringComparison.Ordinal);
        if (between >= 0)
        {
            if (!TryNumber(s[..between], out long low) || !TryNumber(s[(between + 2)..], out long high))
            {
                error = $"'{text}' is not 'A<>B' with non-negative integers";
                return false;
            }

            if (low >= high)
            {
                error = $"'{text}': the lower bound must be less than the upper bound";
                return false;
            }

            comparison = new SizeComparison(SizeOperator.Between, low, high);
            error = null;
            return true;
        }

        (SizeOperator op, int skip) = s switch
        {
            _ when s.StartsWith("<=", StringComparison.Ordinal) => (SizeOperator.LessOrEqual, 2),
            _ when s.StartsWith(">=", StringComparison.Ordinal) => (SizeOperator.GreaterOrEqual, 2),
            _ when s.StartsWith('<') => (SizeOperator.LessThan, 1),
            _ when s.StartsWith('>') => (SizeOperator.GreaterThan, 1),
            _ => (SizeOperator.Equal, 0),
        };

        if (!TryNumber(s[skip..], out long value))
        {
            error = $"'{text}' is not a size (N, <N, >N, <=N, >=N or A<>B)";
            return false;
        }

        if (op == SizeOperator.LessThan && value == 0)
        {
            error = $"'{text}' can never hold";
            return false;
        }

        comparison = new SizeComparison(op, value, value);
        error = null;
        return true;
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= int.MaxValue;
}
