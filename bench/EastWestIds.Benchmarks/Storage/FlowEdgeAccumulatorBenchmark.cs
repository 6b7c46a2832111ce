using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Writing;

namespace EastWestIds.Benchmarks.Storage;

/// <summary>
/// <c>FlowEdgeAccumulator.Record</c> once per request on a known edge (baseline) and on one of 1000 known edges; it runs
/// on the request path, so it must not allocate.
/// </summary>
[MemoryDiagnoser]
public class FlowEdgeAccumulatorBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly FlowEdgeAccumulator _edges = new();
    private readonly byte[] _caller = Encoding.UTF8.GetBytes("spiffe://cluster.local/ns/default/sa/bookinfo-productpage");
    private readonly byte[] _callee = Encoding.UTF8.GetBytes("reviews.default.svc.cluster.local");
    private byte[][] _callers = [];

    [GlobalSetup]
    public void Setup()
    {
        _callers = Enumerable.Range(0, 1000).Select(i => Encoding.UTF8.GetBytes($"spiffe://cluster.local/ns/shop/sa/service-{i}")).ToArray();
        foreach (var caller in _callers)
        {
            _edges.Record(caller, _callee, AlertVerdict.Allowed);
        }

        _edges.Record(_caller, _callee, AlertVerdict.Allowed);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int OneEdge()
    {
        var n = 0;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            n += _edges.Record(_caller, _callee, AlertVerdict.Allowed) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int ThousandEdges()
    {
        var n = 0;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            n += _edges.Record(_callers[i * 7 % _callers.Length], _callee, AlertVerdict.Denied) ? 1 : 0;
        }

        return n;
    }
}
