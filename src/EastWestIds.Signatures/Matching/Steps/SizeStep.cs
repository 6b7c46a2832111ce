using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary><c>bsize</c> (the current value's length after transforms) and <c>urilen</c> (the length of <c>http.uri</c> or <c>http.uri.raw</c>).</summary>
internal sealed class SizeStep(SizeComparison size) : MatchStep
{
    public override bool IsRelative => false;

    public override int Inspect(ref ProgramRun run, int index)
    {
        if (!run.Spend())
        {
            return -1;
        }

        return Holds(size, run.Data.Length) ? run.Continue(index) : -1;
    }

    public static bool Holds(SizeComparison size, long value) => size.Operator switch
    {
        SizeOperator.Equal => value == size.Value,
        SizeOperator.LessThan => value < size.Value,
        SizeOperator.LessOrEqual => value <= size.Value,
        SizeOperator.GreaterThan => value > size.Value,
        SizeOperator.GreaterOrEqual => value >= size.Value,
        SizeOperator.Between => value > size.Value && value < size.UpperBound,
        _ => false,
    };
}
