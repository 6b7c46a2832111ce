using EastWestIds.Identity.Spiffe;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Fuzz;

/// <summary>
/// Any bytes as an <c>x-forwarded-client-cert</c> value: the summary's ranges must lie inside the header, a rejected
/// header must describe nothing, and the caller's URI, when there is one, goes through the SPIFFE ID parser as the
/// identity stage sends it.
/// </summary>
internal sealed class XfccTarget : IFuzzTarget
{
    public string Name => "xfcc";

    public void Run(ReadOnlySpan<byte> input)
    {
        var summary = XfccParser.Summarize(input);
        if (!Enum.IsDefined(summary.Error))
        {
            throw new FuzzInvariantException($"undefined XFCC error {(int)summary.Error}");
        }

        if (!summary.IsValid)
        {
            if (summary with { Error = XfccError.None } != default(XfccSummary))
            {
                throw new FuzzInvariantException($"a rejected header ({summary.Error}) still describes an element: {summary}");
            }

            return;
        }

        foreach (var range in (ReadOnlySpan<Range>)[summary.LastUri, summary.LastBy, summary.LastHash, summary.LastSubject])
        {
            var (offset, length) = range.GetOffsetAndLength(input.Length); // throws when the range is outside the header
            _ = offset + length;
        }

        Parse(input[summary.LastUri]);
        Parse(input[summary.LastBy]);
    }

    private static void Parse(ReadOnlySpan<byte> id)
    {
        if (SpiffeIdParser.TryParse(id, out var parts, out _, out int errorOffset))
        {
            foreach (var range in (ReadOnlySpan<Range>)[parts.TrustDomain, parts.Path, parts.Namespace, parts.ServiceAccount])
            {
                _ = range.GetOffsetAndLength(id.Length);
            }
        }
        else if (errorOffset < 0 || errorOffset > id.Length)
        {
            throw new FuzzInvariantException($"a SPIFFE ID error offset {errorOffset} lies outside the {id.Length}-byte ID");
        }
    }
}
