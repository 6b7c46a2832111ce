using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;

namespace EastWestIds.Inventory.Tests.Yaml;

public class KubernetesYamlReaderTests
{
    private const string Bookinfo = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: bookinfo
          labels:
            istio-injection: enabled
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: bookinfo-reviews
          namespace: bookinfo
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          namespace: bookinfo
        spec:
          selector:
            app: reviews
          ports:
          - name: http
            port: 9080
            targetPort: http-web
          - name: admin
            port: 9443
            targetPort: 8443
          - name: plain
            port: 7000
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: reviews-v1
          namespace: bookinfo
        spec:
          template:
            metadata:
              labels:
                app: reviews
                version: v1
            spec:
              serviceAccountName: bookinfo-reviews
              containers:
              - name: reviews
                ports:
                - name: http-web
                  containerPort: 9081
        ---
        """;

    [Fact]
    public void ReadText_MultiDocument_ReadsEveryKnownKind()
    {
        var builder = new InventoryBuilder();
        var result = new KubernetesYamlReader().ReadText(Bookinfo, "bookinfo.yaml", builder);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(4, result.ObjectsRead);
        var snapshot = builder.Build();
        Assert.Equal("enabled", snapshot.FindNamespace("bookinfo")!.Labels["istio-injection"]);
        Assert.True(snapshot.HasServiceAccount("bookinfo", "bookinfo-reviews"));
        var reviews = Assert.Single(snapshot.Services);
        Assert.Equal(new TargetPort(0, "http-web"), reviews.Ports[0].TargetPort);
        Assert.Equal(TargetPort.FromNumber(8443), reviews.Ports[1].TargetPort);
        Assert.Equal(TargetPort.FromNumber(7000), reviews.Ports[2].TargetPort); // omitted: the Service port
        var template = Assert.Single(snapshot.WorkloadTemplates);
        Assert.Equal("Deployment", template.Kind);
        Assert.Equal("bookinfo-reviews", template.ServiceAccount);
    }

    [Fact]
    public void ReadText_NamedTargetPort_ResolvesPerWorkload()
    {
        var builder = new InventoryBuilder();
        new KubernetesYamlReader().ReadText(Bookinfo, "bookinfo.yaml", builder);
        var snapshot = builder.Build();
        var reviews = snapshot.Services[0];

        var workload = Assert.Single(snapshot.WorkloadsBehind(reviews));

        Assert.Equal("Deployment/reviews-v1", workload.Name);
        Assert.Equal(9081, workload.ResolveTargetPort(reviews.Ports[0]));
        Assert.Equal(8443, workload.ResolveTargetPort(reviews.Ports[1]));
    }

    [Fact]
    public void ReadText_KindList_ReadsItemsAndReportsBadItemByIndex()
    {
        const string list = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: a, namespace: ns1}
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {namespace: ns1}
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: c, namespace: ns1}
            """;
        var builder = new InventoryBuilder();

        var result = new KubernetesYamlReader().ReadText(list, "list.yaml", builder);

        Assert.Equal(2, result.ObjectsRead);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("list.yaml", 0, (int?)1), (error.File, error.DocumentIndex, error.ItemIndex));
        Assert.Contains("metadata.name is required", error.Message);
        Assert.True(builder.Build().HasServiceAccount("ns1", "c"));
    }

    [Fact]
    public void ReadText_UnknownKinds_AreSkippedAndCounted()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: b}
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: c}
            ---
            apiVersion: security.istio.io/v1alpha1
            kind: AuthorizationPolicy
            metadata: {name: old}
            """;

        var result = new KubernetesYamlReader().ReadText(yaml, "x.yaml", new InventoryBuilder());

        Assert.True(result.Succeeded);
        Assert.Equal(0, result.ObjectsRead);
        Assert.Equal(4, result.SkippedCount);
        Assert.Equal(2, result.SkippedKinds["v1/ConfigMap"]);
        Assert.Equal(1, result.SkippedKinds["security.istio.io/v1alpha1/AuthorizationPolicy"]);
    }

    [Fact]
    public void ReadText_MalformedDocuments_AllReportedWithIndex()
    {
        const string yaml = """
            apiVersion: v1
            kind: Service
            metadata: {name: ok, namespace: a}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: bad-port, namespace: a}
            spec: {ports: [{port: 99999}]}
            ---
            - just
            - a list
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: bad-target, namespace: a}
            spec: {ports: [{port: 80, targetPort: "Not_A_Name!"}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: a}
            status: {podIP: 10.0.0.300}
            """;

        var result = new KubernetesYamlReader().ReadText(yaml, "bad.yaml", new InventoryBuilder());

        Assert.Equal(1, result.ObjectsRead);
        Assert.Equal([1, 2, 3, 4], result.Errors.Select(e => e.DocumentIndex));
        Assert.All(result.Errors, e => Assert.Equal("bad.yaml", e.File));
        Assert.Contains("spec.ports[0].port", result.Errors[0].Message);
        Assert.Contains("mapping", result.Errors[1].Message);
        Assert.Contains("targetPort", result.Errors[2].Message);
        Assert.Contains("status.podIP", result.Errors[3].Message);
        Assert.Equal("bad.yaml: document 1: spec.ports[0].port: '99999' is not an integer in [1, 65535]", result.Errors[0].ToString());
    }

    [Fact]
    public void ReadText_YamlSyntaxError_KeepsEarlierDocumentsAndNamesTheFailingOne()
    {
        const string yaml = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: a, namespace: n}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: [unclosed, namespace: n}
            """;
        var builder = new InventoryBuilder();

        var result = new KubernetesYamlReader().ReadText(yaml, "syntax.yaml", builder);

        Assert.Equal(1, result.ObjectsRead);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.DocumentIndex);
        Assert.Contains("YAML syntax error", error.Message);
        Assert.True(builder.Build().HasServiceAccount("n", "a"));
    }

    [Theory]
    [InlineData(": [\no")] // YamlDotNet 18.1's scanner throws InvalidOperationException (YamlDotNet issue 541)
    [InlineData(" : a")] // its document loader throws ArgumentException (issue 1004)
    public void ReadText_InputYamlDotNetThrowsOtherExceptionsOn_IsASyntaxErrorNotACrash(string broken)
    {
        // Found by fuzzing (fuzz/, manifests target), minimized with a throwaway ddmin.
        var builder = new InventoryBuilder();

        var result = new KubernetesYamlReader().ReadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n" + broken, "scanner.yaml", builder);

        Assert.Equal(1, result.ObjectsRead);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("scanner.yaml", 1), (error.File, error.DocumentIndex));
        Assert.Contains("YAML syntax error", error.Message);
    }

    [Fact]
    public void Read_DirectoryAndMissingPath_ReadsFilesInOrderAndReportsMissing()
    {
        var dir = Directory.CreateTempSubdirectory("ewids-inventory-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "b.yaml"), "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b, namespace: n}\n");
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub"));
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "a.json"), """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"a","namespace":"n"}}""");
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not yaml: [");
            var builder = new InventoryBuilder();
            string missing = Path.Combine(dir.FullName, "missing.yaml");

            var result = new KubernetesYamlReader().Read([dir.FullName, missing], builder);

            Assert.Equal(2, result.FilesRead);
            Assert.Equal(2, result.ObjectsRead);
            var error = Assert.Single(result.Errors);
            Assert.Equal((missing, -1), (error.File, error.DocumentIndex));
            var snapshot = builder.Build();
            Assert.True(snapshot.HasServiceAccount("n", "a") && snapshot.HasServiceAccount("n", "b"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadText_PodAndAuthorizationPolicy_KeepsWhatPoliciesNeed()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: reviews-v1-abc-123
              namespace: bookinfo
              labels: {app: reviews}
              ownerReferences:
              - {apiVersion: apps/v1, kind: ReplicaSet, name: reviews-v1-abc, controller: true}
            spec:
              serviceAccountName: bookinfo-reviews
              containers:
              - ports: [{containerPort: 9080, name: http}]
            status:
              podIP: 10.1.0.7
              podIPs: [{ip: 10.1.0.7}, {ip: "fd00::7"}]
            ---
            apiVersion: security.istio.io/v1beta1
            kind: AuthorizationPolicy
            metadata:
              name: reviews-viewer
              namespace: bookinfo
              annotations: {istio.io/dry-run: "true"}
            spec:
              selector: {matchLabels: {app: reviews}}
              rules:
              - from: [{source: {principals: [cluster.local/ns/bookinfo/sa/productpage]}}]
                to: [{operation: {methods: [GET], ports: [9080]}}]
                when:
                - key: request.headers[x-user]
                  notValues: [admin]
              - ~
            """;
        var builder = new InventoryBuilder();

        var result = new KubernetesYamlReader().ReadText(yaml, "mesh.yaml", builder);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var snapshot = builder.Build();
        var pod = Assert.Single(snapshot.PodsByIp(IpParse("10.1.0.7")));
        Assert.Same(pod, Assert.Single(snapshot.PodsByIp(IpParse("fd00::7"))));
        Assert.Equal(new OwnerRef("ReplicaSet", "reviews-v1-abc"), pod.Owner);
        Assert.Equal("bookinfo-reviews", pod.ServiceAccount);
        var policy = Assert.Single(snapshot.AuthorizationPolicies);
        Assert.Equal("security.istio.io/v1beta1", policy.ApiVersion);
        Assert.Equal("ALLOW", policy.Action);
        Assert.Equal("true", policy.Annotations["istio.io/dry-run"]);
        Assert.Equal(2, policy.Rules.Length);
        Assert.Null(policy.Rules[1]);
        var rule = policy.Rules[0]!;
        Assert.Equal<string>(["cluster.local/ns/bookinfo/sa/productpage"], rule.From[0]!.Principals.ToArray());
        Assert.Equal<string>(["9080"], rule.To[0]!.Ports.ToArray());
        Assert.Equal<string>(["admin"], rule.When[0].NotValues.ToArray());
    }

    private static IpKey IpParse(string text) => IpKey.TryParse(text, out var ip) ? ip : throw new FormatException(text);
}
