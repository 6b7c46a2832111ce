using System.Text;
using EastWestIds.Identity.Callee;
using EastWestIds.Identity.Spiffe;
using EastWestIds.Identity.Tests.Xfcc;
using EastWestIds.Identity.Xfcc;
using EastWestIds.TestCommon;

namespace EastWestIds.Identity.Tests;

/// <summary>The per-request identity work must not allocate (STYLE.md §4).</summary>
public class AllocationTests
{
    private static readonly byte[] s_header = Encoding.ASCII.GetBytes(XfccParserTests.TypicalIstio);
    private static readonly byte[] s_authority = Encoding.ASCII.GetBytes("reviews.default.svc.cluster.local-shadow:9080");
    private static readonly byte[] s_ipv6Authority = Encoding.ASCII.GetBytes("[fd00::1]-shadow:80");

    [Fact]
    public void SummarizeAndTryParse_TypicalIstioHeader_AllocatesNothing()
    {
        Assert.Equal(100 * 3, SummarizeAndValidate(100)); // warm up: static SearchValues, JIT, tiering
        int checksum = 0;
        long allocated = SteadyAllocation.LeastBytes(() => checksum = SummarizeAndValidate(1000));

        Assert.Equal(0, allocated);
        Assert.Equal(1000 * 3, checksum);
    }

    [Fact]
    public void AuthorityTryParse_NameAndIpv6_AllocatesNothing()
    {
        Assert.Equal(100 * 2, ParseAuthorities(100));
        int checksum = 0;
        long allocated = SteadyAllocation.LeastBytes(() => checksum = ParseAuthorities(1000));

        Assert.Equal(0, allocated);
        Assert.Equal(1000 * 2, checksum);
    }

    private static int SummarizeAndValidate(int iterations)
    {
        int ok = 0;
        for (int i = 0; i < iterations; i++)
        {
            var summary = XfccParser.Summarize(s_header);
            ok += summary.HasSingleCaller ? 1 : 0;
            ok += SpiffeIdParser.TryParse(s_header.AsSpan()[summary.LastUri], out var caller, out _) && caller.IsIstio ? 1 : 0;
            ok += SpiffeIdParser.TryParse(s_header.AsSpan()[summary.LastBy], out _, out _) ? 1 : 0;
        }

        return ok;
    }

    private static int ParseAuthorities(int iterations)
    {
        int ok = 0;
        for (int i = 0; i < iterations; i++)
        {
            ok += AuthorityParser.TryParse(s_authority, out var callee) && callee.ShadowSuffixRemoved ? 1 : 0;
            ok += AuthorityParser.TryParse(s_ipv6Authority, out var ip) && ip.IsIpLiteral ? 1 : 0;
        }

        return ok;
    }
}
