using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Policy.Baseline;

namespace EastWestIds.Benchmarks.Policy;

/// <summary>
/// The learned baseline on the request path: templating a path and looking its edge up among
/// <see cref="Edges"/> known edges (issue 4 "Speed": under 1 µs, nothing allocated). Known edges only: a new edge
/// allocates its key once by design.
/// </summary>
[MemoryDiagnoser]
public class BaselineLookupBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly byte[] _caller = "spiffe://cluster.local/ns/ns-07/sa/app-04"u8.ToArray();
    private readonly byte[] _callee = "app-03.ns-07.svc.cluster.local"u8.ToArray();
    private readonly byte[] _get = "GET"u8.ToArray();
    private readonly byte[] _shortPath = "/api/v1/items/42?view=full"u8.ToArray();
    private readonly byte[] _longPath = "/api/v1/tenants/3f2504e0-4f89-11d3-9a0c-0305e82c3301/orders/100234/items/d41d8cd98f00b204e9800998ecf8427e?expand=all"u8.ToArray();
    private readonly byte[] _template = new byte[PathTemplater.MaxTemplateBytes];
    private BaselineLearner _learner = null!;

    [Params(1_000, 50_000)]
    public int Edges { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _learner = new BaselineLearner(Edges + 10, learning: true);
        for (var i = 0; i < Edges - 2; i++)
        {
            _learner.Observe(Encoding.ASCII.GetBytes($"spiffe://cluster.local/ns/ns-{i % 50:00}/sa/app-{i % 17:00}"), _callee, _get, Encoding.ASCII.GetBytes($"/api/v1/res-{Letters(i)}/items"));
        }

        _learner.Observe(_caller, _callee, _get, _shortPath);
        _learner.Observe(_caller, _callee, _get, _longPath);
        _learner.EndLearning();
        if (_learner.BaselineEdgeCount != Edges || _learner.Observe(_caller, _callee, _get, _longPath) != EdgeObservation.Known)
        {
            throw new InvalidOperationException($"setup made {_learner.BaselineEdgeCount} edges, expected {Edges} with the two benchmark edges known");
        }
    }

    /// <summary>A word per number (letters only, so the templater keeps it and every edge is distinct).</summary>
    private static string Letters(int n)
    {
        var text = new StringBuilder();
        do
        {
            text.Append((char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);
        return text.ToString();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int TemplateOnly()
    {
        var sum = 0;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            PathTemplater.TryTemplate(_longPath, _template, out var written);
            sum += written;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int KnownEdge_ShortPath()
    {
        var sum = 0;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)_learner.Observe(_caller, _callee, _get, _shortPath);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int KnownEdge_LongPath()
    {
        var sum = 0;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)_learner.Observe(_caller, _callee, _get, _longPath);
        }

        return sum;
    }
}
