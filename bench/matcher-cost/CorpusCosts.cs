using System.Diagnostics;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Offline;
using EastWestIds.Engine.Signatures;
using EastWestIds.Signatures.Matching;

/// <summary>
/// `MatcherCost corpus FILE [ROUNDS] [RULES-DIR]`: the matcher's cost on every request of a recorded corpus (JSON Lines,
/// as `ewids scan` reads it), not on one chosen request: the distribution of per-request best wall times and the
/// slowest requests. One request timed over and over says what the engine costs on that request; a mesh's traffic is
/// many shapes, and a shape that costs ten times the median matters more at line rate than a few percent off it.
/// </summary>
/// <remarks>
/// The corpus is read ROUNDS + 3 times (default ROUNDS 5): three passes to warm up (with pauses, so that tiered PGO
/// finishes), then per request the best of ROUNDS inspections in a row. Requests are timed inside the reader's
/// callback, where the reused <see cref="MirroredRequest"/> is valid.
/// </remarks>
static class CorpusCosts
{
    public static int Run(CompiledSignatureSet set, string file, int rounds)
    {
        var worker = new SignatureWorker();
        var context = new InspectionContext();
        SignatureMatcher matcher = worker.MatcherFor(set);
        var sink = new TimingSink(request =>
        {
            worker.View.Reset(request, context);
            worker.Buffers.Reset(worker.View);
            return matcher.Inspect(worker.Buffers);
        }, () => matcher.LastCandidateCount);

        bool callgrind = Environment.GetEnvironmentVariable("CALLGRIND") == "1";
        for (int pass = 0; pass < (callgrind ? 1 : 3); pass++)
        {
            Read(file, sink);
            Thread.Sleep(callgrind ? 0 : 500);
        }

        if (callgrind)
        {
            // CALLGRIND=1 (under valgrind, see cg-corpus.sh): one counted pass, each request inspected once
            sink.Timings.Clear();
            sink.Counted = true;
            Read(file, sink);
            Callgrind.Dump();
            Console.WriteLine($"{sink.Timings.Count} requests counted");
            return 0;
        }

        sink.Rounds = rounds;
        sink.Timings.Clear();
        sink.Allocated = 0;
        sink.Allocating.Clear();
        Read(file, sink);
        long allocated = sink.Allocated;
        if (sink.Errors > 0)
        {
            Console.Error.WriteLine($"{sink.Errors} records could not be read (see `ewids scan`)");
        }

        List<Timing> timings = sink.Timings;
        if (timings.Count == 0)
        {
            Console.Error.WriteLine($"{file}: no request");
            return 2;
        }

        double[] us = [.. timings.Select(t => t.Microseconds).Order()];
        static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"{timings.Count} requests, best of {rounds} each: mean {us.Average():F2} us, p50 {P(us, 0.5):F2}, " +
            $"p90 {P(us, 0.9):F2}, p99 {P(us, 0.99):F2}, max {us[^1]:F2}; " +
            $"{allocated / (double)(timings.Count * rounds):F1} B allocated per inspection (alerts included)");
        if (sink.Allocating.Count > 0)
        {
            Console.WriteLine("requests without a match that allocated (all rounds): " +
                string.Join(", ", sink.Allocating.Select(a => $"{a.Id} {a.Bytes} B")));
        }

        double[] first = [.. timings.Select(t => t.FirstMicroseconds).Order()];
        Console.WriteLine($"the same requests inspected once each in corpus order (the first round): mean {first.Average():F2} us, " +
            $"p50 {P(first, 0.5):F2}, p90 {P(first, 0.9):F2}, p99 {P(first, 0.99):F2}");
        double bytesPerUs = timings.Sum(t => (double)t.Bytes) / timings.Sum(t => t.Microseconds);
        Console.WriteLine($"{bytesPerUs:F0} MB/s over the corpus's heads and bodies; the slowest:");
        Console.WriteLine("us\tbytes\tcandidates\tmatches\tid");
        foreach (Timing t in timings.OrderByDescending(t => t.Microseconds).Take(20))
        {
            Console.WriteLine($"{t.Microseconds:F2}\t{t.Bytes}\t{t.Candidates}\t{t.Matches}\t{t.Id}");
        }

        PrintRuleCosts(set, matcher, file, sink);

        if (Environment.GetEnvironmentVariable("ALL") is { Length: > 0 } all)
        {
            // ALL=path: every request's line, in corpus order, to join with the corpus's other fields
            File.WriteAllLines(all, timings.Select(t => $"{t.Microseconds:F2}\t{t.Bytes}\t{t.Candidates}\t{t.Matches}\t{t.Id}"));
        }

        return 0;
    }

    /// <summary>
    /// Another pass, each request inspected once, with <see cref="SignatureMatcher.CandidateTimer"/> on: the time of
    /// each candidate rule summed over the corpus (its gates and programs, and the slots it was the first to need), the
    /// rules that cost the most, and their share of the whole. The timer's two clock reads cost ~55 ns a candidate here,
    /// so this pass runs apart from the timed one.
    /// </summary>
    private static void PrintRuleCosts(CompiledSignatureSet set, SignatureMatcher matcher, string file, TimingSink sink)
    {
        var ticks = new long[set.Count];
        var count = new int[set.Count];
        matcher.CandidateTimer = (rule, elapsed) => { ticks[rule] += elapsed; count[rule]++; };
        int rounds = sink.Rounds;
        sink.Rounds = 1;
        sink.Timings.Clear();
        Read(file, sink);
        matcher.CandidateTimer = null;
        sink.Rounds = rounds;
        double withTimer = sink.Timings.Sum(t => t.FirstMicroseconds);
        double perTick = 1e6 / Stopwatch.Frequency;
        double rulesUs = ticks.Sum() * perTick;
        Console.WriteLine($"candidate rules: {rulesUs / withTimer:P0} of the time of a pass with the timer on " +
            $"({withTimer / sink.Timings.Count:F2} us a request, each once; the rest is the prefilter and the slots it needed); the costliest:");
        Console.WriteLine("total ms\tcandidate in\tns each\tsid\tmsg");
        foreach (int rule in Enumerable.Range(0, set.Count).OrderByDescending(r => ticks[r]).Take(int.Parse(Environment.GetEnvironmentVariable("TOP") ?? "25")))
        {
            CompiledSignature signature = set.Get(rule);
            Console.WriteLine($"{ticks[rule] * perTick / 1000:F2}\t{count[rule]}\t{ticks[rule] * perTick * 1000 / Math.Max(1, count[rule]):F0}\t" +
                $"{signature.Sid}\t{signature.Info.Message}{(signature.FastPattern is null ? " [always]" : "")}");
        }
    }

    private static void Read(string file, IOfflineRequestSink sink)
    {
        using FileStream stream = File.OpenRead(file);
        new JsonLinesRequestReader().ReadAsync(stream, file, sink).GetAwaiter().GetResult();
    }

    /// <param name="Microseconds">The best of the rounds: the request's cost with what it touches in cache.</param>
    /// <param name="FirstMicroseconds">The first round: the request's cost right after the previous request of the
    /// corpus, as in a stream of traffic (the tables, regex states and code of other requests' rules in between).</param>
    private readonly record struct Timing(string Id, int Bytes, double Microseconds, double FirstMicroseconds, int Candidates, int Matches);

    private sealed class TimingSink(Func<MirroredRequest, int> inspect, Func<int> candidates) : IOfflineRequestSink
    {
        private string _id = "";

        public int Rounds { get; set; } = 1;

        /// <summary>Inspections run inside callgrind's counting window.</summary>
        public bool Counted { get; set; }

        public int Errors { get; private set; }

        /// <summary>Bytes the inspections allocated (alerts included), not the reader.</summary>
        public long Allocated { get; set; }

        /// <summary>The first inspections without a match that allocated, with the bytes (all rounds of the request).</summary>
        public List<(string Id, long Bytes)> Allocating { get; } = [];

        public List<Timing> Timings { get; } = [];

        public void BeginRecord(in OfflineRecord record) => _id = record.IdJson ?? record.Ordinal.ToString();

        public void OnRequest(MirroredRequest request)
        {
            double best = double.MaxValue, first = 0;
            int matches = 0;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread(); // the reader's own allocations stay out
            for (int r = 0; r < Rounds; r++)
            {
                long start = Stopwatch.GetTimestamp();
                if (Counted)
                {
                    Callgrind.Resume();
                }

                matches = inspect(request);
                if (Counted)
                {
                    Callgrind.Pause();
                }

                double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                first = r == 0 ? us : first;
                best = Math.Min(best, us);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            Allocated += allocated;
            if (allocated > 0 && matches == 0 && Allocating.Count < 20)
            {
                Allocating.Add((_id, allocated)); // a benign inspection that allocated: which, and how much
            }

            int bytes = request.Method.Length + request.Target.Length + request.Body.Length;
            for (int h = 0; h < request.HeaderCount; h++)
            {
                bytes += request.HeaderName(h).Length + request.HeaderValue(h).Length;
            }

            Timings.Add(new Timing(_id, bytes, best, first, candidates(), matches));
        }

        public void EndRecord()
        {
        }

        public void OnError(OfflineInputError error) => Errors++;

        public void OnNotice(string message)
        {
        }
    }
}
