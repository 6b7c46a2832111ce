using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Tests;

/// <summary>The cluster the tests mirror in: bookinfo's reviews, the ewids sink as istio/deploy installs it, istiod.</summary>
internal static class TestObjects
{
    public static JsonObject[] Yaml(string yaml) => [.. KubeYamlReader.Read(yaml, "test")];

    public static JsonObject One(string yaml) => Assert.Single(Yaml(yaml));

    public static JsonObject SinkService(params int[] ports) => One($$"""
        apiVersion: v1
        kind: Service
        metadata: {name: ewids, namespace: ewids-system}
        spec:
          selector: {app: ewids}
          ports:
        {{string.Concat((ports.Length == 0 ? [8080, 8081, 9090] : ports).Select(p => $"  - {{name: {(p == 8081 ? "grpc" : "http")}-{p}, port: {p}, targetPort: {p}}}\n"))}}
        """);

    public static JsonObject StrictPeerAuthentication(string ns = "ewids-system", string mode = "STRICT", bool selector = true) => One($"""
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {"{"}name: pa-{mode.ToLowerInvariant()}, namespace: {ns}{"}"}
        spec:
          {(selector ? "selector: {matchLabels: {app: ewids}}" : "")}
          mtls: {"{"}mode: {mode}{"}"}
        """);

    public static JsonObject Service(string name, string ns = "default", string portName = "http", int port = 9080, string? appProtocol = null) => One($"""
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec:
          selector: {"{"}app: {name}{"}"}
          ports:
          - name: {portName}
            port: {port}
            targetPort: {port}
            {(appProtocol is null ? "" : $"appProtocol: {appProtocol}")}
        """);

    public static JsonObject Istiod(string tag) => One($"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: istiod
          namespace: istio-system
          labels: {"{"}app: istiod{"}"}
        spec:
          template:
            spec:
              containers:
              - name: discovery
                image: docker.io/istio/pilot:{tag}
        """);

    /// <summary>
    /// bookinfo's reviews VirtualService, grown: a header match with retries, a weighted route with header
    /// mutation and timeout, a route elsewhere, fields this code does not know, and (optionally) a mirror of its own.
    /// </summary>
    public static JsonObject ReviewsVirtualService(bool withOwnMirror = false) => One($"""
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
          namespace: default
          labels: {"{"}team: books{"}"}
          annotations: {"{"}owner: books-team{"}"}
        spec:
          hosts: [reviews]
          x-future-field: {"{"}keep: me{"}"}
          http:
          - name: jason
            match:
            - headers:
                end-user: {"{"}exact: jason{"}"}
              uri: {"{"}prefix: /reviews{"}"}
            route:
            - destination: {"{"}host: reviews, subset: v2{"}"}
            retries: {"{"}attempts: 3, perTryTimeout: 2s, retryOn: "5xx,reset"{"}"}
            {(withOwnMirror ? "mirror: {host: reviews-shadow.qa.svc.cluster.local}\n    mirrorPercentage: {value: 5.5}" : "")}
          - route:
            - destination: {"{"}host: reviews.default.svc.cluster.local, subset: v1, port: {"{"}number: 9080{"}"}{"}"}
              weight: 90
            - destination: {"{"}host: reviews, subset: v3{"}"}
              weight: 10
            headers:
              request:
                set: {"{"}x-team: "007", x-flag: "true"{"}"}
            timeout: 10s
            unknownRouteField: [1, 2.50, "3"]
          - match:
            - uri: {"{"}prefix: /legacy{"}"}
            route:
            - destination: {"{"}host: legacy-reviews.other.svc.cluster.local{"}"}
          tcp:
          - route:
            - destination: {"{"}host: reviews, port: {"{"}number: 9090{"}"}{"}"}
        """);
}
