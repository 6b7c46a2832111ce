using EastWestIds.Inventory.Model;

namespace EastWestIds.Policy.CrossChecks;

/// <summary>Where the caller's IP comes from for the identity cross-check.</summary>
public static class CallerAddress
{
    /// <summary>
    /// The address to check: the last address of <c>x-forwarded-for</c> when the header is present and that entry
    /// parses, else <paramref name="peer"/>. Sidecars pass X-Forwarded-For through untouched (MESH-SEMANTICS §1.6), so a
    /// value there was written by the calling application or an earlier gateway; the last entry is the nearest hop's
    /// claim. Allocation-free.
    /// </summary>
    /// <param name="forwardedFor">The header value (empty when absent).</param>
    /// <param name="peer">The TCP peer of the mirror connection (the caller pod, whose sidecar mirrored).</param>
    /// <param name="fromForwardedFor">True when the address came from the header.</param>
    public static IpKey Select(ReadOnlySpan<byte> forwardedFor, IpKey peer, out bool fromForwardedFor)
    {
        fromForwardedFor = false;
        if (forwardedFor.IsEmpty)
        {
            return peer;
        }

        int comma = forwardedFor.LastIndexOf((byte)',');
        var last = comma < 0 ? forwardedFor : forwardedFor[(comma + 1)..];
        if (IpKey.TryParse(last.Trim((byte)' '), out var ip))
        {
            fromForwardedFor = true;
            return ip;
        }

        return peer;
    }
}
