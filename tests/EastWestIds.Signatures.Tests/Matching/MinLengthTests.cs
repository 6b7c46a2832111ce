using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// A program's shortest value (<c>bsize</c>/<c>urilen</c> lower bounds): a slot without a value that long refuses the
/// rule before it runs, which must never refuse a value the size steps accept.
/// </summary>
public sealed class MinLengthTests
{
    [Fact]
    public void MinLengthOf_IsNeverAboveALengthTheSizeStepAccepts()
    {
        // The size step itself is the oracle: every length it accepts is at least the bound; the bound is tight.
        var random = new Random(7);
        foreach (SizeOperator op in Enum.GetValues<SizeOperator>())
        {
            for (int trial = 0; trial < 2000; trial++)
            {
                long a = random.Next(0, 50), b = a + random.Next(0, 50);
                var size = new SizeComparison(op, a, op == SizeOperator.Between ? b : a);
                int bound = SignatureCompiler.MinLengthOf(size);
                for (int length = 0; length < 120; length++)
                {
                    Assert.True(!SizeStep.Holds(size, length) || length >= bound, $"{op} {a} {b}: length {length} holds but the bound is {bound}");
                }

                bool boundIsAccepted = op is SizeOperator.Equal or SizeOperator.GreaterThan or SizeOperator.GreaterOrEqual || (op == SizeOperator.Between && b > a + 1);
                Assert.True(!boundIsAccepted || SizeStep.Holds(size, bound), $"{op} {a} {b}: the bound {bound} is not the shortest accepted length");
            }
        }
    }

    [Theory]
    [InlineData("bsize:>100;", 101, true)]
    [InlineData("bsize:>100;", 100, false)]
    [InlineData("bsize:3<>6;", 4, true)]
    [InlineData("bsize:3<>6;", 3, false)]
    [InlineData("content:\"a\"; bsize:>=10;", 10, true)]
    public void RuleWithASizeBound_FiresOnlyWhenSomeValueIsLongEnough(string options, int length, bool expected)
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.arg; " + options));
        var buffers = new FakeBuffers().With(InspectionBuffer.HttpArg, "a", new string('a', length), "aa");
        Assert.Equal(expected ? 1 : 0, matcher.Inspect(buffers));
        Assert.Equal(0, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpArg, "a", "aa")));
    }
}
