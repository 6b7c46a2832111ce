using EastWestIds.Kubernetes.Mirrors;

namespace EastWestIds.Kubernetes.Tests.Mirrors;

internal static class Expect
{
    /// <summary>Asserts the outcome, showing the error, refusal and notes when it differs.</summary>
    public static void Outcome(MirrorOutcome expected, MirrorResult result) =>
        Assert.True(expected == result.Outcome, $"expected {expected}, got {result.Outcome}: {result.Error} {result.Plan.Refusal} | {string.Join(" | ", result.Notes.Concat(result.Plan.Notes))}");
}
