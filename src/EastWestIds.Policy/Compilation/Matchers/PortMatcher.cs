using System.Globalization;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary><c>ports</c> / <c>destination.port</c>: the workload (target) port, never the Service port.</summary>
internal sealed class PortMatcher(int port) : AttributeMatcher
{
    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        if (request.DestinationPort == 0)
        {
            unknowns |= AuthzUnknowns.DestinationPort;
            return false;
        }

        return request.DestinationPort == port;
    }

    public override string ToString() => port.ToString(CultureInfo.InvariantCulture);
}
