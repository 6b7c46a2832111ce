namespace EastWestIds.TestCommon.Kubernetes;

/// <summary>A resource type as the API addresses it: group ("" for core), plural, and whether it lives in namespaces.</summary>
public sealed record ApiResource(string Group, string Plural, string Kind, bool Namespaced = true)
{
    public static readonly ApiResource Services = new("", "services", "Service");
    public static readonly ApiResource Pods = new("", "pods", "Pod");
    public static readonly ApiResource ServiceAccounts = new("", "serviceaccounts", "ServiceAccount");
    public static readonly ApiResource Namespaces = new("", "namespaces", "Namespace", Namespaced: false);
    public static readonly ApiResource Deployments = new("apps", "deployments", "Deployment");
    public static readonly ApiResource VirtualServices = new("networking.istio.io", "virtualservices", "VirtualService");
    public static readonly ApiResource PeerAuthentications = new("security.istio.io", "peerauthentications", "PeerAuthentication");
    public static readonly ApiResource AuthorizationPolicies = new("security.istio.io", "authorizationpolicies", "AuthorizationPolicy");

    /// <summary>Every type the server knows; requests for others get 404 like a cluster without the CRD.</summary>
    public static readonly IReadOnlyList<ApiResource> Known = [Services, Pods, ServiceAccounts, Namespaces, Deployments, VirtualServices, PeerAuthentications, AuthorizationPolicies];

    public static ApiResource? Find(string group, string plural) => Known.FirstOrDefault(r => r.Group == group && r.Plural == plural);

    public static ApiResource? ForKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        return Known.FirstOrDefault(r => r.Group == group && r.Kind == kind);
    }

    /// <summary>The RBAC verb of a request, as the API server's authorizer names it.</summary>
    public static string Verb(string method, string? name, bool watch) => (method, name is null, watch) switch
    {
        ("GET", _, true) => "watch",
        ("GET", true, _) => "list",
        ("GET", false, _) => "get",
        ("POST", _, _) => "create",
        ("PUT", _, _) => "update",
        ("PATCH", _, _) => "patch",
        ("DELETE", true, _) => "deletecollection",
        ("DELETE", false, _) => "delete",
        _ => method.ToLowerInvariant(),
    };
}

/// <summary>One request the server answered, as RBAC sees it (for tests that check least privilege).</summary>
public sealed record ApiRequestRecord(string Method, string Verb, string Group, string Version, string Resource, string? Namespace, string? Name, int Status, string? FieldSelector = null);
