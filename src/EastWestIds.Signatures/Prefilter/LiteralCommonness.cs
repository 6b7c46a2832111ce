using System.Collections.Concurrent;
using System.Text;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// How often a literal is expected at a position of benign traffic, estimated (case folded) with a byte-pair model
/// of a fixed sample of the benign corpus (<c>benign-sample.txt</c>, made by <c>tests/corpus/make-literal-sample.py</c>).
/// </summary>
/// <remarks>
/// Why: the prefilter preselects a rule by one literal set its pattern requires, and every set a pattern requires is
/// a correct choice; the rarest one marks the rule on the fewest benign values. Length was the old proxy, and it
/// chose <c>":</c> (in every JSON body) over <c>o:</c>/<c>c:</c>, <c>sh</c> (<c>shoe</c>, <c>Hash=</c>) over
/// <c>-i</c>. The estimate: the literal's own count in the sample (case folded) when it occurs there; otherwise a
/// byte-pair model, P(l) = P(l0 l1) × Π P(l[i+1] | l[i]) with counts smoothed by ½, capped below one occurrence.
/// Estimates are memoised per literal (about 146 KB searched once per distinct literal, at compile time). Only a
/// choice among correct sets depends on it: what a rule matches never does.
/// </remarks>
internal static class LiteralCommonness
{
    private const double Smoothing = 0.5;

    private static readonly Model s_model = Build();
    private static readonly ConcurrentDictionary<string, double> s_memo = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Expected occurrences per position of <paramref name="literal"/> (Latin-1 text).</summary>
    public static double Of(string literal) => s_memo.GetOrAdd(literal, Estimate);

    /// <summary>
    /// A literal the sample holds: how often it does. One it does not: the pair model, never above half an
    /// occurrence (so anything the sample holds counts as more common than anything it does not).
    /// </summary>
    private static double Estimate(string literal)
    {
        Model m = s_model;
        if (literal.Length == 0)
        {
            return 1;
        }

        byte[] folded = [.. literal.Select(c => (byte)Fold(c))];
        int count = 0;
        ReadOnlySpan<byte> text = m.Folded;
        for (int at = text.IndexOf(folded); at >= 0; at = text.IndexOf(folded))
        {
            count++;
            text = text[(at + 1)..];
        }

        return count > 0 ? count / m.Total : Math.Min(PairModel(m, literal), Smoothing / m.Total);
    }

    private static double PairModel(Model m, string literal)
    {
        int first = Fold(literal[0]);
        if (literal.Length == 1)
        {
            return (m.Singles[first] + Smoothing) / m.Total;
        }

        double p = (m.Pairs[first << 8 | Fold(literal[1])] + Smoothing) / m.Total;
        for (int i = 1; i + 1 < literal.Length; i++)
        {
            int a = Fold(literal[i]);
            p *= (m.Pairs[a << 8 | Fold(literal[i + 1])] + Smoothing) / (m.Singles[a] + (Smoothing * 256));
        }

        return p;
    }

    /// <summary>True when some literal of <paramref name="literals"/> occurs in the sample (its estimate is a count).</summary>
    public static bool Observed(IEnumerable<string> literals) => literals.Any(l => Of(l) * s_model.Total >= 1 - 1e-9);

    /// <summary>Expected occurrences per position of any literal of <paramref name="literals"/>.</summary>
    public static double Of(IEnumerable<string> literals) => literals.Sum(Of);

    private static int Fold(char c)
    {
        char upper = char.ToUpperInvariant(c);
        return upper <= '\u00FF' ? upper : c & 0xFF;
    }

    private sealed record Model(int[] Singles, int[] Pairs, byte[] Folded, double Total);

    private static Model Build()
    {
        var singles = new int[256];
        var pairs = new int[256 * 256];
        using Stream? stream = typeof(LiteralCommonness).Assembly.GetManifestResourceStream("EastWestIds.Signatures.Prefilter.benign-sample.txt");
        if (stream is null)
        {
            // Without the sample every literal scores alike; the choice then falls to the tie-breaks (length).
            return new Model(singles, pairs, [], 1);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        byte[] bytes = Encoding.UTF8.GetBytes(reader.ReadToEnd());
        var folded = new byte[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            int a = Fold((char)bytes[i]);
            folded[i] = (byte)a;
            singles[a]++;
            if (i + 1 < bytes.Length)
            {
                pairs[a << 8 | Fold((char)bytes[i + 1])]++;
            }
        }

        return new Model(singles, pairs, folded, Math.Max(1, bytes.Length));
    }
}
