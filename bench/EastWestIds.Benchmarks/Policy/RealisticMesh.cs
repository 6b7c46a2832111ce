using System.Collections.Immutable;
using System.Globalization;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Model.Istio;
using EastWestIds.Inventory.Snapshot;

namespace EastWestIds.Benchmarks.Policy;

/// <summary>
/// A mesh shaped like a real one for policy benchmarks: 50 namespaces × 20 workloads (1,000 workloads) and 100
/// AuthorizationPolicies — one mesh-wide DENY in the root namespace, one ALLOW per namespace selecting an app with
/// five rules (callers, methods, paths with templates, ports, a header condition), and a namespace-wide DENY for
/// cross-namespace calls to internal paths in 49 namespaces.
/// </summary>
internal static class RealisticMesh
{
    public const int Namespaces = 50;
    public const int AppsPerNamespace = 20;

    public static InventorySnapshot Build()
    {
        var builder = new InventoryBuilder();
        builder.Add(new AuthorizationPolicyConfig("istio-system", "deny-admin", "DENY", null,
        [
            new RuleConfig(
                [new SourceConfig { NotNamespaces = ["istio-system"] }],
                [new OperationConfig { Paths = ["/admin*", "/debug/{**}"] }],
                []),
        ]));

        for (int n = 0; n < Namespaces; n++)
        {
            string ns = Ns(n);
            builder.Add(new NamespaceInfo(ns, LabelSet.Empty));
            for (int a = 0; a < AppsPerNamespace; a++)
            {
                string app = App(a);
                var labels = LabelSet.From([new("app", app), new("version", "v1"), new("tier", a % 2 == 0 ? "backend" : "frontend")]);
                builder.Add(new ServiceAccountInfo(ns, app));
                builder.Add(new WorkloadTemplateInfo("Deployment", ns, app, labels, app, [new ContainerPortInfo("http", 8080)]));
                builder.Add(new ServiceInfo(ns, app, LabelSet.From([new("app", app)]), [new ServicePortInfo("http", 80, TargetPort.FromName("http"))]));
            }

            builder.Add(AllowFor(ns, App(3)));
            if (n > 0)
            {
                builder.Add(new AuthorizationPolicyConfig(ns, "deny-cross-namespace-internal", "DENY", null,
                [
                    new RuleConfig(
                        [new SourceConfig { NotNamespaces = [ns, "istio-system"] }],
                        [new OperationConfig { Paths = ["/internal/*"] }],
                        []),
                ]));
            }
        }

        return builder.Build();
    }

    public static string Ns(int n) => "ns-" + n.ToString("00", CultureInfo.InvariantCulture);

    public static string App(int a) => "app-" + a.ToString("00", CultureInfo.InvariantCulture);

    private static AuthorizationPolicyConfig AllowFor(string ns, string app)
    {
        static RuleConfig Rule(string caller, string[] methods, string[] paths, string? header = null) => new(
            [new SourceConfig { Principals = [caller] }],
            [new OperationConfig { Methods = [.. methods], Paths = [.. paths], Ports = ["8080"] }],
            header is null ? [] : [new ConditionConfig("request.headers[x-tenant]", [header], [])]);

        return new AuthorizationPolicyConfig(ns, $"allow-{app}", "ALLOW", LabelSet.From([new("app", app)]),
        [
            Rule($"cluster.local/ns/{ns}/sa/app-00", ["GET"], ["/healthz", "/ready"]),
            Rule($"cluster.local/ns/{ns}/sa/app-01", ["POST", "PUT"], ["/api/v1/orders/{*}"], header: "acme*"),
            Rule("cluster.local/ns/monitoring/sa/prometheus", ["GET"], ["/metrics"]),
            Rule($"cluster.local/ns/{ns}/sa/app-02", ["DELETE"], ["/api/v1/orders/{*}"]),
            Rule($"cluster.local/ns/{ns}/sa/app-04", ["GET", "HEAD"], ["/api/v1/items/{*}", "/api/v1/items"]),
        ]);
    }
}
