namespace EastWestIds.Quality.Tests;

/// <summary>
/// The shipped rules against text people wrote (bench/quality/prose: Debian's fortune files sent as comments, tickets
/// and searches), in-process like <see cref="PayloadsCorpusTests"/>. The benign corpus of tests/corpus was written by
/// the hands that wrote the rules; this one was not (72,685 texts in English, German, Russian, Spanish, Italian, Czech,
/// Polish and Portuguese), and before session 19 the rules flagged 4.5% of it, 10.7% of the English and 13.9% of the
/// Italian (quotations with their attributions read as a quote and a SQL comment, English read as tautologies,
/// ellipses as traversal).
/// The ceilings are the counts measured when the rules were committed: a rule change that flags more of either half
/// fails here. Rules may be tuned on the dev half only; the held-out half is the check that tuning generalized.
/// </summary>
public sealed class ProseCorpusTests
{
    // flagged at most, in-process, measured 2026-11-30 (session 20: 35 -> 30 and 39 -> 35, Set-Alias and a lone quote
    // before a parenthesis; session 22: held-out 35 -> 29, call/apply as a tagged template only as a member,
    // sys.<name> only for SQL system objects, quotes in a command name only in pairs); `ewids scan` counts the same
    private const int DevCeiling = 30;
    private const int HeldOutCeiling = 29;

    /// <summary>Where test.sh installs the fortune files (Debian's fortunes, fortunes-min and fortunes-de, -es, -it, -br, -pl, -ru, -cs).</summary>
    private const string Fortunes = "/usr/share/games/fortunes";

    [Fact]
    public void Prose_BothHalvesAtOrBelowTheirCeilings()
    {
        var records = GeneratedCorpus.Scan("bench/quality/prose/make-prose-corpus.py", Fortunes);

        Assert.True(records.Count > 70_000, $"the corpus has only {records.Count} texts");
        int Flagged(string split) => records.Count(r => r.Record.GetProperty("split").GetString() == split && r.Sids.Exists(QualityReport.Counts));
        int dev = Flagged("dev"), heldOut = Flagged("held-out");
        Assert.True(
            dev <= DevCeiling && heldOut <= HeldOutCeiling,
            $"prose flagged: dev {dev} (ceiling {DevCeiling}), held-out {heldOut} (ceiling {HeldOutCeiling})");
    }
}
