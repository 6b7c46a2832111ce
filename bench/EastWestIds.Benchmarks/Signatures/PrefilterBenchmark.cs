using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// The multi-literal prefilter alone: the shipped set's prefilter of one buffer scanning that buffer's values of a
/// <see cref="MatcherRequests"/> request, as <see cref="SignatureMatcher"/> does (the joined prefilter of the buffer's
/// slots, one pass per distinct value, repeats skipped). The values are taken from the matcher's own scratch in setup,
/// so they are the bytes the matcher scans. MB/s is bytes scanned per second. Target: Allocated <c>-</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class PrefilterBenchmark
{
    private static readonly Dictionary<PrefilterInput, (LiteralPrefilter Prefilter, byte[][] Values, int Seen, int Rules)> Inputs = [];

    private LiteralPrefilter _prefilter = null!;
    private byte[][] _values = null!;
    private ulong[] _classes = null!;
    private RuleMarks _marks = null!;
    private int[] _seen = null!;
    private readonly int[] _hits = new int[LiteralPrefilter.HitBlock];
    private int _scan;

    /// <summary>The inputs: a buffer of a request, scanned with that buffer's prefilter.</summary>
    public enum PrefilterInput
    {
        /// <summary>benign-1k's header block (<c>http.header</c>, with its raw twin and <c>url_decode</c>).</summary>
        BenignHeaderBlock,

        /// <summary>benign-1k's JSON body (<c>http.request_body</c> and its decoded forms).</summary>
        BenignJsonBody,

        /// <summary>benign-1k's argument values (<c>http.arg</c>, query and JSON: 30 short values, 21 distinct).</summary>
        BenignArgValues,

        /// <summary>attack-sqli's argument values (one holds a UNION injection: real hits to verify).</summary>
        AttackArgValues,

        /// <summary>
        /// binary-64k's body: 64 KiB of random bytes through the joined prefilter of the body's slots (hits by chance
        /// only; the hash pass's raw throughput).
        /// </summary>
        RandomBody64K,

        /// <summary>
        /// The same bytes as the matcher scans them: a binary body's transformed slots read its runs of text, so its raw
        /// bytes go through the raw slot's own prefilter (three literals: the few-literal pair compare).
        /// </summary>
        RandomBodyRawSlot64K,
    }

    /// <summary>Which buffer this run scans.</summary>
    [Params(PrefilterInput.BenignHeaderBlock, PrefilterInput.BenignJsonBody, PrefilterInput.BenignArgValues,
        PrefilterInput.AttackArgValues, PrefilterInput.RandomBody64K, PrefilterInput.RandomBodyRawSlot64K)]
    public PrefilterInput Input { get; set; }

    /// <summary>Takes the input's values and prefilter from the shipped set and a matcher's scratch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (LiteralPrefilter prefilter, byte[][] values, int seen, int rules) = Load(Input);
        (_prefilter, _values) = (prefilter, values);
        // as the matcher has them: computed once per value for the rules' gates, and read by the prefilter
        _classes = [.. values.Select(v => CharClasses.Of(v))];
        _marks = new RuleMarks(rules);
        _seen = new int[seen];
        Console.WriteLine($"// {Input}: {values.Length} values, {values.Sum(v => v.Length)} bytes, {prefilter.LiteralCount} literals, " +
            $"{Scan()} rules marked");
    }

    /// <summary>Every value scanned once, as for one request.</summary>
    [Benchmark]
    public int Scan()
    {
        _marks.Reset();
        for (int v = 0; v < _values.Length; v++)
        {
            _prefilter.Scan(_values[v], _classes[v], v, _marks, _seen, ++_scan, _hits);
        }

        return _marks.Count;
    }

    private static (LiteralPrefilter, byte[][], int, int) Load(PrefilterInput input)
    {
        if (Inputs.TryGetValue(input, out var loaded))
        {
            return loaded;
        }

        (string kase, string slotKey) = input switch
        {
            PrefilterInput.BenignHeaderBlock => ("benign-1k", "http.header"),
            PrefilterInput.BenignJsonBody => ("benign-1k", "http.request_body; url_decode"),
            PrefilterInput.BenignArgValues => ("benign-1k", "http.arg"),
            PrefilterInput.AttackArgValues => ("attack-sqli", "http.arg"),
            _ => ("binary-64k", "http.request_body"),
        };

        string rules = Environment.GetEnvironmentVariable("EWIDS_BENCH_RULES") ?? Path.Combine(RepositoryRoot.Find(), "signatures");
        CompiledSignatureSet set = SignatureSetLoader.Load([rules]).Set ?? throw new InvalidOperationException("rules do not compile");
        InspectionSlot slot = set.Slots.FirstOrDefault(s => s.Key == slotKey)
            ?? throw new InvalidOperationException($"no rule reads {slotKey}");
        // The matcher scans a slot of a group with the group's joined prefilter when its members agree (they do here,
        // but for the raw slot of a binary body, which holds other bytes than its transformed twins: its own).
        LiteralPrefilter prefilter = (input == PrefilterInput.RandomBodyRawSlot64K ? null
                : set.PrefilterGroups.FirstOrDefault(g => g.Members.Contains(slot))?.Joined)
            ?? slot.Prefilter ?? throw new InvalidOperationException($"{slotKey} has no prefilter");

        var worker = new SignatureWorker();
        worker.View.Reset(MatcherRequests.Frame(kase, out _), new InspectionContext());
        worker.Buffers.Reset(worker.View);
        var scratch = new MatchScratch(set.Slots, set.Transform);
        scratch.Reset(worker.Buffers);
        scratch.Prepare(slot, chars: false);
        var values = new List<byte[]>();
        foreach (MatchScratch.ValueRef value in scratch.Values(slot))
        {
            if (!value.IsRepeat)
            {
                values.Add(scratch.Bytes(in value).ToArray());
            }
        }

        loaded = (prefilter, [.. values], set.SeenLiteralCount, set.Count);
        Inputs[input] = loaded;
        return loaded;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MegabytesPerSecondColumn(input => Load((PrefilterInput)input).Item2.Sum(v => v.Length),
            "Bytes scanned per second (10^6 bytes), from the mean"));
    }
}
