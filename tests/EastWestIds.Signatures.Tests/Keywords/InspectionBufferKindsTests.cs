using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Tests.Keywords;

public sealed class InspectionBufferKindsTests
{
    [Fact]
    public void Count_IsOnePastTheLargestBuffer()
    {
        // RequestBuffers and MatchScratch size their per-buffer tables by it; a buffer added after the one it names
        // would index past them.
        Assert.Equal(InspectionBufferKinds.Count, Enum.GetValues<InspectionBuffer>().Max(b => (int)b) + 1);
        Assert.InRange(InspectionBufferKinds.Count, 1, 64); // RequestBuffers marks the decoded ones in a ulong
    }
}
