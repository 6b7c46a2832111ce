using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Benchmarks.Policy;

/// <summary>
/// AuthorizationPolicy evaluation per mirrored request with 100 policies over 1,000 workloads
/// (<see cref="RealisticMesh"/>). Target: under 1 µs and nothing allocated (issue 4 "Speed").
/// </summary>
[MemoryDiagnoser]
public class PolicyEvaluationBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly byte[] _allowedCaller = Encoding.ASCII.GetBytes("spiffe://cluster.local/ns/ns-07/sa/app-04");
    private readonly byte[] _strangerCaller = Encoding.ASCII.GetBytes("spiffe://cluster.local/ns/ns-31/sa/app-09");
    private readonly byte[] _get = "GET"u8.ToArray();
    private readonly byte[] _host = "app-03.ns-07.svc.cluster.local:80"u8.ToArray();
    private readonly byte[] _itemPath = "/api/v1/items/42?view=full"u8.ToArray();
    private readonly byte[] _adminPath = "/admin/users"u8.ToArray();
    private readonly HeaderMap _headers = new([new("x-tenant", "acme-eu"), new("user-agent", "curl/8")]);

    private CompiledPolicySet _policies = null!;
    private WorkloadPolicies _target = null!;
    private ImmutableArray<WorkloadInfo> _twoWorkloads;
    private ServicePortInfo _port = null!;
    private MeshJudge _judge = null!;

    [GlobalSetup]
    public void Setup()
    {
        InventorySnapshot inventory = RealisticMesh.Build();
        _policies = new PolicyCompiler(MeshAuthzSettings.Default).Compile(inventory.AuthorizationPolicies);
        if (_policies.Policies.Length != 100 || !_policies.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"expected 100 clean policies, got {_policies.Policies.Length} and {_policies.Diagnostics.Length} diagnostics");
        }

        if (!inventory.TryGetService("ns-07", "app-03", out var service))
        {
            throw new InvalidOperationException("ns-07/app-03 missing");
        }

        var workload = inventory.WorkloadsBehind(service).Single();
        _target = _policies.ForWorkload(workload);
        _port = service.Ports[0];
        _twoWorkloads = [workload, workload with { Name = "Deployment/app-03-canary", Labels = LabelSet.From([new("app", "app-03"), new("track", "canary")]) }];

        _judge = new MeshJudge(inventory, _policies);

        // the cases must decide what their names say
        Check(Allowed(), VerdictKind.Allowed);
        Check(NoRuleMatched(), VerdictKind.Denied);
        Check(RootDeny(), VerdictKind.Denied);
        Check(_judge.Judge(Request(_allowedCaller, _itemPath), "ns-07").Verdict.Verdict, VerdictKind.Allowed);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int AllowedByLastRule()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)Allowed().Kind;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int DeniedNoAllowRuleMatched()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)NoRuleMatched().Kind;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int DeniedByRootPolicy()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)RootDeny().Kind;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int ServiceWithTwoWorkloads()
    {
        int sum = 0;
        var request = Request(_allowedCaller, _itemPath);
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            var verdict = ServiceEvaluator.Evaluate(_policies, _twoWorkloads, _port, request);
            sum += verdict.Disagreement ? 1 : 0;
        }

        return sum;
    }

    /// <summary>The whole judgement from the Host: service lookup, port mapping, cached workload policies, evaluation.</summary>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int JudgeFromHost()
    {
        int sum = 0;
        var request = Request(_allowedCaller, _itemPath);
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)_judge.Judge(request, "ns-07").Verdict.Verdict.Kind;
        }

        return sum;
    }

    /// <summary>
    /// The policy stage's second judgement of a path with a capital (9300014): the same, with <c>paths</c> compared
    /// ignoring ASCII case.
    /// </summary>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int JudgeFromHostIgnoringCase()
    {
        int sum = 0;
        var request = Request(_allowedCaller, _itemPath);
        request.PathIgnoresCase = true;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += (int)_judge.Judge(request, "ns-07").Verdict.Verdict.Kind;
        }

        return sum;
    }

    private AuthzVerdict Allowed() => _target.Evaluate(Request(_allowedCaller, _itemPath));

    private AuthzVerdict NoRuleMatched() => _target.Evaluate(Request(_strangerCaller, _itemPath));

    private AuthzVerdict RootDeny() => _target.Evaluate(Request(_allowedCaller, _adminPath));

    private AuthzRequest Request(byte[] principal, byte[] path) => new()
    {
        SourcePrincipal = principal,
        SourceIp = IpKey.FromV4(0x0A000107),
        DestinationPort = 8080,
        Method = _get,
        Host = _host,
        Path = path,
        Headers = _headers,
    };

    private static void Check(AuthzVerdict verdict, VerdictKind expected)
    {
        if (verdict.Kind != expected)
        {
            throw new InvalidOperationException($"benchmark case decided {verdict}, expected {expected}");
        }
    }
}
