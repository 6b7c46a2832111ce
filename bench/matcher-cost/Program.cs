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
//         sqli (a small JSON POST with an injection)
//   MODE: run  - 50 warm-up requests, then N requests between cg_start/cg_stop (callgrind counts only those)
//         time - best wall time of N timings of 10 requests each, after 25,000 warm-up requests, and bytes allocated
//         rules - per rule, the best wall time of the request through a set of that rule alone (see RuleCosts.cs)
if (args.Length < 2 || args[0] is not ("json" or "mesh" or "sqli") || args[1] is not ("run" or "time" or "rules"))
{
    Console.Error.WriteLine("usage: MatcherCost json|mesh|sqli run|time|rules [N] [RULES-DIR]");
    return 2;
}
string kase = args[0], mode = args[1];
int n = args.Length > 2 ? int.Parse(args[2]) : 100;
string rules = args.Length > 3 ? args[3] : Path.Combine(RepoRoot(), "signatures");
var loaded = SignatureSetLoader.Load([rules]);
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
    Callgrind.Start();
    for (int i = 0; i < n; i++) sum += Inspect();
    Callgrind.Stop();
    Console.Error.WriteLine($"{sum} matches in the counted window");
}
else
{
    // 25,000 warm-up requests: with fewer, tiered PGO had not finished and the figures jumped by 2x (session 6).
    for (int i = 0; i < 20_000; i++) Inspect();
    Thread.Sleep(500);
    for (int i = 0; i < 5_000; i++) Inspect();
    long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
    double best = double.MaxValue;
    for (int t = 0; t < n; t++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < 10; i++) Inspect();
        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds / 10);
    }
    long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
    Console.WriteLine($"{kase}: best {best:F2} us, allocated {allocated / (10.0 * n):F1} B/request");
}
return 0;

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "EastWestIds.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("run from inside the repository (EastWestIds.sln not found above the binary)");
}
