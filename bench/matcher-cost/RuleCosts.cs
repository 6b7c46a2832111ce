using System.Diagnostics;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;

/// <summary>
/// `MatcherCost CASE rules [N]`: what each rule costs on the request, measured on a set holding that rule alone (so a
/// rule's figure includes producing and scanning its slots, which the whole set shares between rules: an upper bound
/// of its share). Lists every rule that is a candidate for the request, always-candidates (no prefilter literal:
/// evaluated on every request) marked. Wall: best of N timings of 10 requests minus the same for an empty set. Under
/// `cg-rules.sh` (CG_RULES=1) each rule's N requests are a callgrind window of their own (one dump per rule, in the
/// order printed), which gives exact instructions instead of noisy microseconds.
/// </summary>
static class RuleCosts
{
    public static void Print(CompiledSignatureSet set, Func<IInspectionBuffers> buffers, int n)
    {
        bool callgrind = Environment.GetEnvironmentVariable("CG_RULES") == "1";
        // Tier-up first (the whole set, as `time` does), else the first rules measured pay for unoptimized code.
        var whole = new SignatureMatcher(set);
        for (int i = 0; i < (callgrind ? 200 : 20_000); i++) whole.Inspect(buffers());
        Console.WriteLine("sid\talways\tus\tcandidates\tmatches\tmsg");
        Console.WriteLine($"0\tempty\t{Measure(new SignatureMatcher(CompiledSignatureSet.Empty), buffers, n, callgrind):F2}\t0\t0\t(empty set)");
        Console.WriteLine($"1\twhole\t{Measure(whole, buffers, n, callgrind):F2}\t{whole.LastCandidateCount}\t0\t(whole set)");
        foreach (CompiledSignature rule in set.Signatures)
        {
            var alone = SignatureCompiler.Compile([rule.Config], SignatureEngineDefaults.Options).Set!;
            var matcher = new SignatureMatcher(alone);
            int matches = matcher.Inspect(buffers());
            if (matcher.LastCandidateCount == 0)
            {
                continue;
            }

            double us = Measure(matcher, buffers, n, callgrind);
            Console.WriteLine($"{rule.Sid}\t{(rule.FastPattern is null ? "always" : "lit")}\t{us:F2}\t{matcher.LastCandidateCount}\t{matches}\t{rule.Info.Message}");
        }
    }

    /// <summary>Best wall per request of N timings of 10 requests (after 1,000 to warm up); under callgrind, one counting window.</summary>
    internal static double Measure(SignatureMatcher matcher, Func<IInspectionBuffers> buffers, int n, bool callgrind)
    {
        for (int i = 0; i < (callgrind ? 50 : 1_000); i++) matcher.Inspect(buffers());
        if (callgrind)
        {
            Callgrind.Start();
            for (int i = 0; i < n; i++) matcher.Inspect(buffers());
            Callgrind.Stop();
            return 0;
        }

        double best = double.MaxValue;
        for (int t = 0; t < n; t++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < 10; i++) matcher.Inspect(buffers());
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / 10);
        }

        return best;
    }
}
