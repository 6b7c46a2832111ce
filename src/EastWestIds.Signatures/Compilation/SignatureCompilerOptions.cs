using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Transforms;

namespace EastWestIds.Signatures.Compilation;

/// <summary>What the compiler needs besides the rules: the class types, the pcre timeout, and the transform and detector implementations.</summary>
public sealed record SignatureCompilerOptions
{
    /// <summary>The default match timeout of backtracking pcre.</summary>
    public static readonly TimeSpan DefaultPcreTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>Class type → category and priority.</summary>
    public ClassificationTable Classifications { get; init; } = ClassificationTable.Default;

    /// <summary>Match timeout of a pcre that cannot run on the non-backtracking engine.</summary>
    public TimeSpan PcreTimeout { get; init; } = DefaultPcreTimeout;

    /// <summary>Applies transforms (default <see cref="BufferTransforms.Apply"/>); a rule with a transform does not compile without one.</summary>
    public BufferTransform? Transform { get; init; } = BufferTransforms.Apply;

    /// <summary>Detector implementations; a rule using a detector missing here does not compile.</summary>
    public IReadOnlyDictionary<DetectorKind, BufferDetector> Detectors { get; init; } = new Dictionary<DetectorKind, BufferDetector>();

    /// <summary>
    /// The set in force when this one replaces it (a reload): a pcre whose text, options and timeout are unchanged takes
    /// that set's pattern over, built or not, instead of a new one. Built patterns keep ~470 MiB for the shipped rules
    /// (<see cref="LazyRegex"/>); shared, a reload that changes a few rules builds only theirs, and old and new set
    /// never hold two copies of the same regex.
    /// </summary>
    public CompiledSignatureSet? PatternsFrom { get; init; }

    /// <summary>
    /// Compile the reference the product's set must agree with (tests): every rule evaluated for every request, on
    /// every value, by its steps alone. No prefilter, gates or minimum lengths; no start-prefix, call-shape, required
    /// char or literal checks before a regex, and no literal list standing in for one. With a matcher that also
    /// evaluates repeated values and tells the detectors nothing of a value's classes, what matches is what the rules
    /// say, whatever the shortcuts of the product's set get wrong.
    /// </summary>
    internal bool Exhaustive { get; init; }
}
