using EastWestIds.Inventory.Model;

namespace EastWestIds.Policy.CrossChecks;

/// <summary>The result of <see cref="CallerIdentityChecker.Check"/>.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Pod">The pod the IP belongs to when exactly one does; for a mismatch, the pod whose identity differs.</param>
/// <param name="WorkloadsRunningAs">How many workloads run as the principal's service account (0 when unknown).</param>
public readonly record struct CallerIdentityCheck(CallerCheckOutcome Outcome, PodInfo? Pod, int WorkloadsRunningAs)
{
    /// <summary>True when the outcome is an <c>identity-mismatch</c> finding.</summary>
    public bool IsMismatch => Outcome == CallerCheckOutcome.IdentityMismatch;
}
