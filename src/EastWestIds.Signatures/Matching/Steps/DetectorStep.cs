using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>detect_sqli</c> / <c>detect_xss</c>: like a content without a literal. The detector reads the whole value; a hit
/// sets the match position to the end of the region it flagged, so relative steps can follow it.
/// </summary>
internal sealed class DetectorStep(DetectorKind kind, BufferDetector detector) : MatchStep
{
    public DetectorKind Kind { get; } = kind;

    public override bool IsRelative => false;

    public override bool ProducesEvidence => true;

    public override int Inspect(ref ProgramRun run, int index)
    {
        if (!run.Spend())
        {
            return -1;
        }

        if (!detector(run.Data, run.Classes, out int start, out int length))
        {
            return -1;
        }

        start = Math.Clamp(start, 0, run.Data.Length);
        length = Math.Clamp(length, 0, run.Data.Length - start);
        run.BufferOffset = start + length;
        run.Record(index, start, start + length);
        return run.Continue(index);
    }
}
