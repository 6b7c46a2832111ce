using System.Globalization;
using EastWestIds.Inventory.Model;

namespace EastWestIds.Policy.Matching;

/// <summary>An IP or CIDR of <c>ipBlocks</c>, <c>remoteIpBlocks</c>, <c>source.ip</c>, <c>destination.ip</c>.</summary>
public readonly record struct CidrBlock(IpKey Network, int PrefixLength)
{
    /// <summary>Parses <c>10.0.0.1</c> (a /32 or /128) or <c>10.0.0.0/8</c>.</summary>
    public static bool TryParse(string text, out CidrBlock block)
    {
        block = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        int slash = text.IndexOf('/');
        var address = slash < 0 ? text.AsSpan() : text.AsSpan(0, slash);
        if (!IpKey.TryParse(address, out var ip))
        {
            return false;
        }

        // an IPv4-mapped IPv6 network is folded to IPv4 by IpKey; its prefix shrinks by 96 bits accordingly
        bool writtenAsV6 = address.Contains(':');
        int length = ip.BitLength;
        if (slash >= 0)
        {
            if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                return false;
            }

            if (writtenAsV6 && ip.IsV4)
            {
                length -= 96;
            }

            if (length < 0 || length > ip.BitLength)
            {
                return false;
            }
        }

        block = new CidrBlock(ip, length);
        return true;
    }

    /// <summary>True when <paramref name="ip"/> is inside the block (same family).</summary>
    public bool Contains(IpKey ip)
    {
        if (!ip.HasValue || ip.IsV4 != Network.IsV4)
        {
            return false;
        }

        int shift = Network.BitLength - PrefixLength;
        if (shift >= Network.BitLength)
        {
            return true; // /0
        }

        return (ip.Bits >> shift) == (Network.Bits >> shift);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Network}/{PrefixLength}";
}
