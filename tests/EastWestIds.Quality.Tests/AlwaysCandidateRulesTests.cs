namespace EastWestIds.Quality.Tests;

/// <summary>
/// A shipped rule without a prefilter literal is a candidate for every request: its steps run on every request, which
/// is most of what matching costs (bench/README.md). Such a rule must be one on purpose. In session 17 a rule whose pcre
/// grew past the literals the prefilter takes silently joined this set, five variants at once, and made the mesh GET
/// 53% dearer; only callgrind noticed. This test names the set, so that a rule joining or leaving it is a decision.
/// </summary>
public sealed class AlwaysCandidateRulesTests
{
    // The detectors on their buffers (detect_sqli/detect_xss have no literal), negated pcre (9402100, 9402240/1,
    // 9402270) and command rules whose literal lists are too long or too common to preselect (940519x, 940502x; their
    // header-value variants 9405023 and 9405193 run only on a request with an application header field: +1.1% on the
    // mesh GET with all 28 header-value variants, session 26). 9421050 (detect_sqli on jwt.payload) runs only on a request
    // that carries a token.
    private static readonly int[] Expected =
    [
        9402100, 9402240, 9402241, 9402270, 9405022, 9405023, 9405025, 9405027, 9405028, 9405191, 9405192, 9405193,
        9405195, 9405197, 9405198, 9408012, 9408014, 9408015, 9408020, 9408023, 9408026, 9408028, 9409010, 9409012,
        9409015, 9409023, 9409027, 9409028, 9409029, 9421050,
    ];

    [Fact]
    public void ShippedRules_WithoutAPrefilterLiteral_AreTheKnownOnes()
    {
        int[] always = [.. ShippedRules.Set.Signatures.Where(s => s.FastPattern is null).Select(s => s.Sid).Order()];

        Assert.True(
            always.SequenceEqual(Expected),
            $"rules that run on every request: joined {string.Join(", ", always.Except(Expected))}; " +
            $"left {string.Join(", ", Expected.Except(always))}");
    }
}
