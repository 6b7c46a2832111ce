namespace EastWestIds.Host.FunctionalTests;

/// <summary>Mirrored requests as a caller's sidecar sends them, for the functional tests.</summary>
internal static class MirrorRequests
{
    public const string Caller = "spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    public const string Xfcc = "By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c3a8ed2cf0a5a3e9f3e2bc4ea9c0c4e4c0dd4d1ce2a9f1d49bbd0e7e5a4df;Subject=\"\";URI=" + Caller;

    /// <summary>Bookinfo's productpage as the policy scenario (tests/EastWestIds.Policy.Tests/Scenarios/bookinfo.yaml) names it.</summary>
    public const string BookinfoProductpageXfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI=spiffe://cluster.local/ns/bookinfo/sa/productpage";

    /// <summary>The example request of DESIGN.md, with its own request id.</summary>
    public static string DesignExample(string requestId = "7f7344ac-039a-99ee-910b-7a1716fa9a6e", string path = "/reviews/0") =>
        $"GET {path} HTTP/1.1\r\n" +
        "host: reviews-shadow:9080\r\n" +
        "user-agent: Mozilla/5.0 (X11; Linux x86_64)\r\n" +
        $"x-request-id: {requestId}\r\n" +
        "x-forwarded-proto: http\r\n" +
        "x-envoy-attempt-count: 1\r\n" +
        "x-forwarded-for: 10.1.0.52\r\n" +
        "x-envoy-internal: true\r\n" +
        $"x-forwarded-client-cert: {Xfcc}\r\n" +
        "x-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\n" +
        "x-b3-spanid: 9611f0bb69e6f424\r\n" +
        "\r\n";

    public static string Post(string requestId, string body, string contentType = "application/json") =>
        "POST /reviews HTTP/1.1\r\n" +
        "host: reviews:9080\r\n" +
        $"x-request-id: {requestId}\r\n" +
        $"x-forwarded-client-cert: {Xfcc}\r\n" +
        $"content-type: {contentType}\r\n" +
        $"content-length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n" +
        "\r\n" + body;
}
