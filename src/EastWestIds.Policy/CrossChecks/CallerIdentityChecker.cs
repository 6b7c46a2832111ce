using EastWestIds.Identity.Spiffe;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;

namespace EastWestIds.Policy.CrossChecks;

/// <summary>
/// Checks a caller's principal against the inventory: the namespace and service account exist, and the caller's IP
/// belongs to a pod running as that service account (issue 4 "Identity cross-checks"). Pure and allocation-free.
/// </summary>
public static class CallerIdentityChecker
{
    private const int MaxNameLength = 253;

    /// <summary>Checks <paramref name="principal"/> (<c>spiffe://td/ns/x/sa/y</c>, ASCII) coming from <paramref name="callerIp"/>.</summary>
    /// <param name="inventory">The inventory.</param>
    /// <param name="principal">The caller's principal; empty when the hop was not mTLS.</param>
    /// <param name="callerIp">The caller's address (<see cref="CallerAddress.Select"/>); <see cref="IpKey.None"/> when unknown.</param>
    public static CallerIdentityCheck Check(InventorySnapshot inventory, ReadOnlySpan<byte> principal, IpKey callerIp)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        if (principal.IsEmpty)
        {
            return new CallerIdentityCheck(CallerCheckOutcome.NoPrincipal, null, 0);
        }

        if (!SpiffeIdParser.TryParse(principal, out var parts, out _) || !parts.IsIstio)
        {
            return new CallerIdentityCheck(CallerCheckOutcome.NotIstioIdentity, null, 0);
        }

        var nsBytes = principal[parts.Namespace];
        var saBytes = principal[parts.ServiceAccount];
        if (nsBytes.Length > MaxNameLength || saBytes.Length > MaxNameLength)
        {
            return new CallerIdentityCheck(CallerCheckOutcome.UnknownNamespace, null, 0);
        }

        // SPIFFE path characters are ASCII, so a byte-to-char widening is exact
        Span<char> ns = stackalloc char[nsBytes.Length];
        Span<char> sa = stackalloc char[saBytes.Length];
        Widen(nsBytes, ns);
        Widen(saBytes, sa);

        int workloads = inventory.WorkloadsRunningAs(ns, sa);
        if (!callerIp.HasValue || !HasAddressMatch(inventory, callerIp, ns, sa, out var outcome, out var pod))
        {
            // without a pod for the address, fall back to what the names alone can tell
            if (!inventory.HasNamespace(ns) && workloads == 0)
            {
                return new CallerIdentityCheck(CallerCheckOutcome.UnknownNamespace, null, 0);
            }

            if (!inventory.HasServiceAccount(ns, sa))
            {
                return new CallerIdentityCheck(CallerCheckOutcome.UnknownServiceAccount, null, 0);
            }

            return new CallerIdentityCheck(
                callerIp.HasValue ? CallerCheckOutcome.UnknownAddress : workloads > 1 ? CallerCheckOutcome.Ambiguous : CallerCheckOutcome.UnknownAddress,
                null,
                workloads);
        }

        return new CallerIdentityCheck(outcome, pod, workloads);
    }

    // false when no pod has the address
    private static bool HasAddressMatch(InventorySnapshot inventory, IpKey ip, ReadOnlySpan<char> ns, ReadOnlySpan<char> sa, out CallerCheckOutcome outcome, out PodInfo? pod)
    {
        var pods = inventory.PodsByIp(ip);
        outcome = CallerCheckOutcome.UnknownAddress;
        pod = null;
        if (pods.IsEmpty)
        {
            return false;
        }

        PodInfo? same = null, other = null;
        foreach (var candidate in pods)
        {
            bool matches = ns.SequenceEqual(candidate.Namespace) && sa.SequenceEqual(candidate.ServiceAccount);
            if (matches)
            {
                same ??= candidate;
            }
            else
            {
                other ??= candidate;
            }
        }

        if (same is not null && other is null)
        {
            (outcome, pod) = (CallerCheckOutcome.Consistent, same);
        }
        else if (same is null)
        {
            (outcome, pod) = (CallerCheckOutcome.IdentityMismatch, other);
        }
        else
        {
            // a host-network IP shared by pods of different identities proves nothing either way
            (outcome, pod) = (CallerCheckOutcome.Ambiguous, null);
        }

        return true;
    }

    private static void Widen(ReadOnlySpan<byte> ascii, Span<char> chars)
    {
        for (int i = 0; i < ascii.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }
    }
}
