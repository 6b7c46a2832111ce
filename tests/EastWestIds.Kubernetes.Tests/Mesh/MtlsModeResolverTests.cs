using EastWestIds.Kubernetes.Mesh;

namespace EastWestIds.Kubernetes.Tests.Mesh;

public sealed class MtlsModeResolverTests
{
    private static (string Mode, string Source) Resolve(string yaml) =>
        MtlsModeResolver.Resolve(TestObjects.Yaml(yaml), TestObjects.SinkService(), "ewids-system", 8080);

    [Fact]
    public void Nothing_IsPermissive() => Assert.Equal("PERMISSIVE", MtlsModeResolver.Resolve([], TestObjects.SinkService(), "ewids-system", 8080).Mode);

    [Fact]
    public void WorkloadPolicy_BeatsNamespaceAndMesh()
    {
        var (mode, source) = Resolve("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: mesh, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: ns, namespace: ewids-system}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: sink, namespace: ewids-system}
            spec: {selector: {matchLabels: {app: ewids}}, mtls: {mode: PERMISSIVE}}
            """);

        Assert.Equal(("PERMISSIVE", "PeerAuthentication ewids-system/sink"), (mode, source));
    }

    [Fact]
    public void UnsetWorkloadPolicy_InheritsFromTheMesh_AndOtherWorkloadsDoNotCount()
    {
        var (mode, source) = Resolve("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: mesh, namespace: istio-system}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: sink, namespace: ewids-system}
            spec: {selector: {matchLabels: {app: ewids}}, mtls: {mode: UNSET}}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: other, namespace: ewids-system}
            spec: {selector: {matchLabels: {app: other}}, mtls: {mode: DISABLE}}
            """);

        Assert.Equal(("STRICT", "mesh PeerAuthentication istio-system/mesh"), (mode, source));
    }

    [Fact]
    public void PortLevelMode_OnTheSinksPort_Wins()
    {
        var (mode, _) = Resolve("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: sink, namespace: ewids-system}
            spec:
              selector: {matchLabels: {app: ewids}}
              mtls: {mode: STRICT}
              portLevelMtls:
                8080: {mode: PERMISSIVE}
            """);

        Assert.Equal("PERMISSIVE", mode);
    }
}
