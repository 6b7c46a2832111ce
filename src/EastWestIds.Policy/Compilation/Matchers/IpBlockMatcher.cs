using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>Which address an IP condition reads.</summary>
internal enum IpSource
{
    /// <summary>The TCP peer (<c>ipBlocks</c>, <c>source.ip</c>).</summary>
    DirectPeer,

    /// <summary>The XFF/PROXY-derived client (<c>remoteIpBlocks</c>, <c>remote.ip</c>).</summary>
    Remote,

    /// <summary>The destination (<c>destination.ip</c>).</summary>
    Destination,
}

/// <summary>An IP or CIDR against one of the request's addresses.</summary>
internal sealed class IpBlockMatcher(CidrBlock block, IpSource source, string text) : AttributeMatcher
{
    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        var ip = source switch
        {
            IpSource.DirectPeer => request.SourceIp,
            IpSource.Remote => request.EffectiveRemoteIp,
            _ => request.DestinationIp,
        };

        if (!ip.HasValue)
        {
            unknowns |= source == IpSource.Destination ? AuthzUnknowns.DestinationIp : AuthzUnknowns.SourceIp;
            return false;
        }

        return block.Contains(ip);
    }

    public override string ToString() => text;
}
