using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.arg.offdomain_url</c>: the <c>http.arg</c> values that <see cref="OffDomainUrl.IsOffDomain"/> calls a reference
/// to another site. A buffer rather than a keyword because the test needs two buffers of the request at once (the
/// value and <c>http.host</c>), and a rule's keywords only ever see one value; here both are at hand. The values are
/// the argument segments themselves (no copy); a request without <c>://</c> in any argument costs one search per value.
/// </summary>
public sealed partial class RequestBuffers
{
    private void SelectOffDomainUrls()
    {
        SegmentList selected = _lists[(int)InspectionBuffer.HttpArgOffDomainUrl];
        selected.Clear();
        EnsureDecoded(InspectionBuffer.HttpArg);
        EnsureDecoded(InspectionBuffer.HttpHost);
        SegmentList hosts = _lists[(int)InspectionBuffer.HttpHost];
        if (hosts.Count == 0)
        {
            return;
        }

        ReadOnlySpan<byte> requestHost = Resolve(hosts[0]);
        SegmentList args = Args;
        for (int i = 0; i < args.Count; i++)
        {
            ReadOnlySpan<byte> value = Resolve(args[i]);
            if (value.IndexOf("://"u8) >= 0 && OffDomainUrl.IsOffDomain(value, requestHost))
            {
                selected.Add(args[i]);
            }
        }
    }
}
