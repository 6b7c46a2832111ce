namespace EastWestIds.Engine.Tests;

internal static class Raw
{
    public const string Xfcc = "By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c3a8ed2cf0a5a3e9f3e2bc4ea9c0c4e4c0dd4d1ce2a9f1d49bbd0e7e5a4df;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    public const string DesignExample =
        "GET /reviews/0 HTTP/1.1\r\n" +
        "host: reviews-shadow:9080\r\n" +
        "user-agent: Mozilla/5.0\r\n" +
        "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\n" +
        "x-forwarded-proto: http\r\n" +
        "x-envoy-attempt-count: 1\r\n" +
        "x-forwarded-for: 10.1.0.52\r\n" +
        "x-envoy-internal: true\r\n" +
        "x-forwarded-client-cert: " + Xfcc + "\r\n" +
        "x-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\n" +
        "x-b3-spanid: 9611f0bb69e6f424\r\n" +
        "\r\n";
}
