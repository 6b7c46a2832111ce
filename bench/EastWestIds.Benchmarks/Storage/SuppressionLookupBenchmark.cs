using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Sqlite;

namespace EastWestIds.Benchmarks.Storage;

/// <summary>
/// <c>IAlertStore.IsSuppressed</c> as the request path asks it, once per signature match: a sid with no suppression
/// (the usual case, baseline), a hit (counts the hit) and a sid that is suppressed for other edges. None may allocate.
/// The store is a real SQLite file with 1000 suppressions over 200 sids, loaded into the cache at setup.
/// </summary>
[MemoryDiagnoser]
public class SuppressionLookupBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly byte[] _caller = Encoding.UTF8.GetBytes("spiffe://cluster.local/ns/shop/sa/frontend-3");
    private readonly byte[] _otherCaller = Encoding.UTF8.GetBytes("spiffe://cluster.local/ns/shop/sa/frontend-x");
    private readonly byte[] _callee = Encoding.UTF8.GetBytes("checkout.shop.svc.cluster.local");
    private DirectoryInfo? _directory;
    private SqliteAlertStore? _store;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("ewids-bench-");
        _store = SqliteAlertStore.InDirectory(_directory.FullName);
        _store.InitializeAsync().GetAwaiter().GetResult();
        for (var i = 0; i < 1000; i++)
        {
            _store.CreateSuppressionAsync(new SuppressionRequest(9_000_000 + (i % 200), $"spiffe://cluster.local/ns/shop/sa/frontend-{i / 200}", "checkout.shop.svc.cluster.local", "bench"))
                .GetAwaiter().GetResult();
        }

        if (!_store.IsSuppressed(9_000_007, _caller, _callee) || _store.IsSuppressed(9_000_007, _otherCaller, _callee))
        {
            throw new InvalidOperationException("The benchmark's suppressions are not what it measures.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory?.Delete(recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int SidWithoutSuppression() => Run(1_000_001, _caller);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int Hit() => Run(9_000_007, _caller);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int SuppressedForOtherCallers() => Run(9_000_007, _otherCaller);

    private int Run(int sid, byte[] caller)
    {
        var store = _store!;
        var sum = 0;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            sum += store.IsSuppressed(sid, caller, _callee) ? 1 : 0;
        }

        return sum;
    }
}
