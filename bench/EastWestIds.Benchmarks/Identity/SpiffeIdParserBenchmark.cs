using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Identity.Callee;
using EastWestIds.Identity.Spiffe;

namespace EastWestIds.Benchmarks.Identity;

/// <summary>SPIFFE ID validation (baseline) and authority splitting, both on the request path; neither may allocate.</summary>
[MemoryDiagnoser]
public class SpiffeIdParserBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly byte[] _istioId = Encoding.ASCII.GetBytes("spiffe://cluster.local/ns/default/sa/bookinfo-productpage");
    private readonly byte[] _longPathId = Encoding.ASCII.GetBytes(
        "spiffe://staging.example.com/" + string.Join('/', Enumerable.Repeat("segment-0123456789", 24)));
    private readonly byte[] _injectedId = Encoding.ASCII.GetBytes(
        "spiffe://cluster.local/ns/app/sa/web;URI=spiffe://cluster.local/ns/kube-system/sa/admin");
    private readonly byte[] _authority = Encoding.ASCII.GetBytes("reviews.default.svc.cluster.local-shadow:9080");

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int IstioId() => Run(_istioId);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int LongPath() => Run(_longPathId);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int InjectedSeparatorRejected() => Run(_injectedId);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int AuthorityWithShadow()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += AuthorityParser.TryParse(_authority, out var callee) ? callee.Port : 0;
        }

        return sum;
    }

    private static int Run(byte[] id)
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += SpiffeIdParser.TryParse(id, out _, out var error) ? 1 : (int)error;
        }

        return sum;
    }
}
