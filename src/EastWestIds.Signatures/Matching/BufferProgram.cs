using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// The inspection keywords a rule applies to one slot, in the order written (a rule that returns to a sticky buffer
/// continues the same program, as Suricata appends to the same list). The program holds when it matches on at least
/// one value of the slot; a rule holds when all its programs do.
/// </summary>
/// <param name="slot">The slot the steps read.</param>
/// <param name="steps">The steps, in rule order.</param>
/// <param name="gated">False: the gate admits every value (the exhaustive reference set).</param>
internal sealed class BufferProgram(InspectionSlot slot, MatchStep[] steps, bool gated = true)
{
    public InspectionSlot Slot { get; } = slot;

    public MatchStep[] Steps { get; } = steps;

    public bool NeedsChars { get; } = steps.Any(s => s.NeedsChars);

    /// <summary>The char classes a value must hold for this program to hold on it.</summary>
    public ProgramGate Gate { get; } = gated ? ProgramGate.For(steps) : default;

    /// <summary>
    /// The shortest value the program can hold on (its <c>bsize</c>/<c>urilen</c> lower bounds; 0: none): a rule whose
    /// slot has no value that long is not evaluated (<c>bsize:&gt;100</c> on argument names ran on every name).
    /// </summary>
    public int MinLength { get; init; }
}
