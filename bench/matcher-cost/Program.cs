using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Http.Http1;
using EastWestIds.Signatures.Compilation;

// MatcherCost CASE MODE [N] [RULES-DIR]
//   CASE: json (the benign 1 KiB JSON POST of MatcherBenchmark), mesh (the mesh GET of bench/load/mirror-request.lua),
//         sqli (a small JSON POST with an injection), binary (64 KiB of random bytes without Content-Type, MatcherBenchmark's binary-64k)
//   MODE: run  - 50 warm-up requests, then N requests between cg_start/cg_stop (callgrind counts only those)
//         time - best wall time of N timings of 10 requests each, after 25,000 warm-up requests, and bytes allocated
//         rules - per rule, the best wall time of the request through a set of that rule alone (see RuleCosts.cs)
//         slots - per prefiltered slot, what its non-candidate rules cost inside the whole set (see SlotCosts.cs)
//         cold - median wall time of N requests each timed alone after walking EVICT_KB KiB of other memory (README)
//   EVICT_KB in run mode: the same walk before each counted request, for callgrind's cache simulation (README)
// MatcherCost corpus FILE [ROUNDS] [RULES-DIR]: every request of a JSON Lines corpus, best of ROUNDS each (CorpusCosts.cs)
// MatcherCost starts FILE [RULES-DIR]: each NonBacktracking pattern searching for its start chars and walking, on FILE's long values (StartSearchCosts.cs)
bool corpus = args.Length >= 2 && args[0] == "corpus";
bool starts = args.Length >= 2 && args[0] == "starts";
if (!corpus && !starts && (args.Length < 2 || args[0] is not ("json" or "mesh" or "sqli" or "binary") || args[1] is not ("run" or "time" or "rules" or "slots" or "cold")))
{
    Console.Error.WriteLine("usage: MatcherCost json|mesh|sqli|binary run|time|rules|slots|cold [N] [RULES-DIR]\n" +
        "       MatcherCost corpus FILE [ROUNDS] [RULES-DIR]\n       MatcherCost starts FILE [RULES-DIR]");
    return 2;
}
string kase = args[0], mode = args[1];
int n = starts ? 0 : args.Length > 2 ? int.Parse(args[2]) : corpus ? 5 : 100;
string rules = starts && args.Length > 2 ? args[2] : args.Length > 3 ? args[3] : Path.Combine(RepoRoot(), "signatures");
var compileClock = Stopwatch.StartNew();
var loaded = SignatureSetLoader.Load([rules]);
if (Environment.GetEnvironmentVariable("COMPILE_TIME") == "1")
{
    // COMPILE_TIME=1: how long loading and compiling the rule directory took (the first set of a process; twice, to
    // see a reload's, which finds its regex literal analyses memoized)
    Console.Error.WriteLine($"loaded and compiled in {compileClock.Elapsed.TotalSeconds:F2} s");
    compileClock.Restart();
    SignatureSetLoader.Load([rules]);
    Console.Error.WriteLine($"again in {compileClock.Elapsed.TotalSeconds:F2} s");
}
if (loaded.Set is null)
{
    Console.Error.WriteLine($"rules in {rules} did not load");
    return 2;
}
var set = loaded.Set;
if (Environment.GetEnvironmentVariable("DROP") is { Length: > 0 } drop)
{
    // DROP=sid,sid,...: the set without those rules, to measure what they cost inside the whole set.
    var dropped = drop.Split(',').Select(int.Parse).ToHashSet();
    set = SignatureCompiler.Compile([.. set.Signatures.Where(s => !dropped.Contains(s.Sid)).Select(s => s.Config)],
        SignatureEngineDefaults.Options).Set!;
}
if (Environment.GetEnvironmentVariable("KEEP") is { Length: > 0 } keep)
{
    // KEEP=sid,sid,...: a set of those rules alone (with DROP: what is left of it), to time them apart from the rest.
    var kept = keep.Split(',').Select(int.Parse).ToHashSet();
    set = SignatureCompiler.Compile([.. set.Signatures.Where(s => kept.Contains(s.Sid)).Select(s => s.Config)],
        SignatureEngineDefaults.Options).Set!;
}
if (Environment.GetEnvironmentVariable("EXHAUSTIVE") == "1")
{
    // EXHAUSTIVE=1: the reference of ExhaustiveReferenceTests (every rule on every value by its steps alone), to see
    // what the prefilter, the gates and the other shortcuts buy.
    set = SignatureCompiler.Compile([.. set.Signatures.Select(s => s.Config)],
        SignatureEngineDefaults.Options with { Exhaustive = true }).Set!;
}
if (Environment.GetEnvironmentVariable("BUILD_ALL") == "1")
{
    // As `ewids serve`/`proxy` run after their warm-up: every pattern built before the first request.
    long heap = GC.GetTotalMemory(true);
    var clock = Stopwatch.StartNew();
    set.WarmUpInBackground();
    while (set.UnbuiltPatternCount > 0) Thread.Sleep(20);
    Console.Error.WriteLine($"built all patterns in {clock.Elapsed.TotalSeconds:F1} s: heap {heap >> 20} -> {GC.GetTotalMemory(true) >> 20} MiB, " +
        $"working set {Environment.WorkingSet >> 20} MiB");
}
if (Environment.GetEnvironmentVariable("SHOW") is { Length: > 0 } show)
{
    // SHOW=sid,sid,... (or all): print those rules' prefilter literals (Latin-1, " | " between; none: always evaluated).
    foreach (int sid in show == "all" ? set.Signatures.Select(r => r.Sid) : show.Split(',').Select(int.Parse))
    {
        Console.Error.WriteLine($"{sid}: {set.BySid[sid].FastPattern ?? "(none: always evaluated)"}");
    }
}
if (corpus)
{
    return CorpusCosts.Run(set, args[1], n);
}
if (starts)
{
    return StartSearchCosts.Run(set, args[1]);
}
byte[] raw = CostRequests.Build(kase);
var request = new MirroredRequest { PeerAddress = IPAddress.Loopback };
var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(raw));
var capture = new MirroredRequestCapture(request, 64 * 1024);
if (new Http1RequestParser(HttpLimits.Default).Parse(ref reader, ref capture) != ParseStatus.Complete)
{
    Console.Error.WriteLine("the request does not frame");
    return 2;
}
var context = new InspectionContext();
var worker = new SignatureWorker();
int Inspect()
{
    worker.View.Reset(request, context);
    worker.Buffers.Reset(worker.View);
    return worker.MatcherFor(set).Inspect(worker.Buffers);
}

// 25,000 warm-up requests with a pause for the JIT: with fewer, tiered PGO had not finished and the figures jumped by
// 2x (session 6).
void WarmUp()
{
    for (int i = 0; i < 20_000; i++) Inspect();
    Thread.Sleep(500);
    for (int i = 0; i < 5_000; i++) Inspect();
}

if (mode == "slots")
{
    SlotCosts.Print(set, () => { worker.View.Reset(request, context); worker.Buffers.Reset(worker.View); return worker.Buffers; }, n);
    return 0;
}

if (mode == "rules")
{
    RuleCosts.Print(set, () => { worker.View.Reset(request, context); worker.Buffers.Reset(worker.View); return worker.Buffers; }, n);
    return 0;
}

int matches = Inspect();
Console.Error.WriteLine($"{kase}: {raw.Length} bytes, {matches} matches, {worker.MatcherFor(set).LastCandidateCount} candidates, " +
    $"{set.AlwaysCandidateCount} always-candidates of {set.Count} rules");
if (mode == "run")
{
    for (int i = 0; i < 50; i++) Inspect();
    int sum = 0;
    // EVICT_KB (optional): walk that many KiB between two requests, so that callgrind's cache simulation
    // (--cache-sim=yes) counts what one request touches from a cold cache: its footprint in lines, by method.
    byte[]? evict = Environment.GetEnvironmentVariable("EVICT_KB") is { Length: > 0 } kb ? new byte[int.Parse(kb) * 1024] : null;
    Callgrind.Start();
    for (int i = 0; i < n; i++)
    {
        if (evict is not null) Evict(evict);
        sum += Inspect();
    }
    Callgrind.Stop();
    Console.Error.WriteLine($"{sum} matches in the counted window");
}
else if (mode == "cold")
{
    // cold: after walking an eviction buffer (EVICT_KB, default 2048: more than this machine's L2, less than its
    // L3), one request timed alone, then the next one (warm); as in the proxy, where Kestrel, YARP and the kernel run
    // between two verdicts and evict what the matcher had in cache.
    WarmUp();
    int evictKb = int.Parse(Environment.GetEnvironmentVariable("EVICT_KB") ?? "2048");
    var evict = new byte[evictKb * 1024];
    var first = new double[n];
    var second = new double[n];
    for (int t = 0; t < n; t++)
    {
        Evict(evict);
        long start = Stopwatch.GetTimestamp();
        Inspect();
        long middle = Stopwatch.GetTimestamp();
        Inspect();
        first[t] = Stopwatch.GetElapsedTime(start, middle).TotalMicroseconds;
        second[t] = Stopwatch.GetElapsedTime(middle).TotalMicroseconds;
    }
    Array.Sort(first);
    Array.Sort(second);
    Console.WriteLine($"{kase}: after evicting {evictKb} KiB: median {first[n / 2]:F2} us (p10 {first[n / 10]:F2}, p90 {first[n * 9 / 10]:F2}); " +
        $"the request after it: median {second[n / 2]:F2} us");
}
else
{
    WarmUp();
    var batches = new double[n]; // before the count starts: it is the harness's, not the matcher's
    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    for (int t = 0; t < n; t++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 10; i++) Inspect();
        batches[t] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / 10;
    }
    long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    Array.Sort(batches);
    Console.WriteLine($"{kase}: best {batches[0]:F2} us, median {batches[n / 2]:F2} us, allocated {allocated / (10.0 * n):F1} B/request");
}
return 0;

[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static void Evict(byte[] buffer)
{
    for (int i = 0; i < buffer.Length; i += 64) buffer[i]++;
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("run from inside the repository (EastWestIds.sln not found above the binary)");
}
