using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// A whole rule set compiled once: its rules, the slots they inspect with one prefilter each, and the rules that
/// no literal can preselect (evaluated for every request). Immutable and shared by every worker; a reload compiles a
/// new set and swaps the reference. Each worker matches with its own <see cref="SignatureMatcher"/>.
/// </summary>
public sealed partial class CompiledSignatureSet
{
    private readonly CompiledSignature[] _signatures;

    internal CompiledSignatureSet(CompiledSignature[] signatures, InspectionSlot[] slots, int[] alwaysCandidates,
        int literalCount, int maxSteps, IReadOnlyList<SignatureLoadError> warnings, TimeSpan pcreTimeout, BufferTransform? transform)
    {
        Transform = transform;
        _signatures = signatures;
        Slots = slots;
        AlwaysCandidates = alwaysCandidates;
        LiteralCount = literalCount;
        PrefilterGroups = PrefilterGroup.Build(slots, literalCount, out int literalEnd);
        SeenLiteralCount = literalEnd;
        UngroupedPrefilterSlots = [.. slots.Where(s => s.Prefilter is not null && !PrefilterGroups.Any(g => g.Members.Contains(s)))];
        MaxSteps = maxSteps;
        Warnings = warnings;
        PcreTimeout = pcreTimeout;
        var bySid = new Dictionary<int, CompiledSignature>(signatures.Length);
        foreach (CompiledSignature signature in signatures)
        {
            bySid[signature.Sid] = signature;
        }

        BySid = bySid;
    }

    /// <summary>An empty set (no rules): matching finds nothing.</summary>
    public static CompiledSignatureSet Empty { get; } = new([], [], [], 0, 0, [], TimeSpan.FromMilliseconds(10), null);

    /// <summary>The rules, in load order.</summary>
    public IReadOnlyList<CompiledSignature> Signatures => _signatures;

    /// <summary>Rules by sid.</summary>
    public IReadOnlyDictionary<int, CompiledSignature> BySid { get; }

    /// <summary>Number of rules.</summary>
    public int Count => Signatures.Count;

    /// <summary>Number of rules evaluated for every request (no positive content to prefilter on).</summary>
    public int AlwaysCandidateCount => AlwaysCandidates.Length;

    /// <summary>Compile warnings (pcre on the backtracking engine, fast_pattern on a negated content, …).</summary>
    public IReadOnlyList<SignatureLoadError> Warnings { get; }

    /// <summary>The match timeout of backtracking pcre.</summary>
    public TimeSpan PcreTimeout { get; }

    internal InspectionSlot[] Slots { get; }

    /// <summary>The transform implementation the set was compiled with (its rules' transforms run through it).</summary>
    internal BufferTransform? Transform { get; }

    internal int[] AlwaysCandidates { get; }

    internal int LiteralCount { get; }

    internal int MaxSteps { get; }

    /// <summary>Prefiltered slots scanned together while their values are the same bytes (see <see cref="PrefilterGroup"/>).</summary>
    internal PrefilterGroup[] PrefilterGroups { get; }

    /// <summary>Prefiltered slots in no group: scanned alone.</summary>
    internal InspectionSlot[] UngroupedPrefilterSlots { get; }

    /// <summary>Literal ids of the slots' prefilters and then of the groups' joined ones (per-request seen flags).</summary>
    internal int SeenLiteralCount { get; }

    /// <summary>
    /// The exhaustive reference (<see cref="Compilation.SignatureCompilerOptions.Exhaustive"/>; tests): its matcher
    /// tells the detectors nothing of a value's classes and evaluates repeated values too.
    /// </summary>
    internal bool Exhaustive { get; init; }

    internal CompiledSignature Get(int index) => _signatures[index];
}
