using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;

/// <summary>
/// `MatcherCost CASE slots [N]`: what the rules preselected in each slot cost inside the whole set when they are no
/// candidate for the request (their share of materializing and prefiltering). Per slot that holds some rule's fast
/// pattern: its values and bytes on this request, its literal count, and the whole set's best wall minus that of the
/// set without those rules. A set of a slot's rules alone would say what the slot costs with nothing shared; inside the
/// whole set, slots share decoding and joined prefilter passes, which is what a request pays.
/// </summary>
static class SlotCosts
{
    public static void Print(CompiledSignatureSet set, Func<IInspectionBuffers> buffers, int n)
    {
        var whole = new SignatureMatcher(set);
        for (int i = 0; i < 20_000; i++) whole.Inspect(buffers());
        var candidates = whole.LastCandidates.ToArray().Select(i => set.Get(i).Sid).ToHashSet();
        Thread.Sleep(500);
        double wholeUs = RuleCosts.Measure(whole, buffers, n, callgrind: false);
        Console.WriteLine($"{wholeUs:F2}\twhole set");
        Console.WriteLine("us\trules\tliterals\tvalues\tbytes\tslot");
        var bySlot = set.Signatures.Where(s => s.FastPattern is not null && !candidates.Contains(s.Sid))
            .GroupBy(s => s.Programs[s.FastPatternProgram].Slot);
        double sum = 0;
        foreach (var slot in bySlot.OrderBy(g => g.Key.Index))
        {
            var sids = slot.Select(s => s.Sid).ToHashSet();
            var without = SignatureCompiler.Compile([.. set.Signatures.Where(s => !sids.Contains(s.Sid)).Select(s => s.Config)],
                SignatureEngineDefaults.Options).Set!;
            var matcher = new SignatureMatcher(without);
            matcher.Inspect(buffers());
            var scratch = new MatchScratch(set.Slots, set.Transform, markRepeats: true);
            scratch.Reset(buffers());
            scratch.Prepare(slot.Key, chars: false);
            var values = scratch.Values(slot.Key);
            int bytes = 0, distinct = 0;
            foreach (var value in values)
            {
                bytes += value.ByteLength;
                distinct += value.IsRepeat ? 0 : 1;
            }

            double us = wholeUs - RuleCosts.Measure(matcher, buffers, n, callgrind: false);
            sum += us;
            Console.WriteLine($"{us:F2}\t{slot.Count()}\t{slot.Key.Prefilter?.LiteralCount}\t{distinct}/{values.Length}\t{bytes}\t{slot.Key.Key}");
        }

        Console.WriteLine($"{RuleCosts.Measure(whole, buffers, n, callgrind: false):F2}\twhole set again");
        Console.WriteLine($"{sum:F2}\tsum of the marginal costs");
    }
}
