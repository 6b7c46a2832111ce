using System.Text;

/// <summary>The requests whose matcher cost is counted; the same ones bench/README.md's session-6 table reports.</summary>
static class CostRequests
{
    const string Xfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/frontend";
    const string MeshXfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;" +
        "Hash=e40c3a8ed2cf0a5a3e9f3e2bc4ea9c0c4e4c0dd4d1ce2a9f1d49bbd0e7e5a4df;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    public static byte[] Build(string kase)
    {
        if (Environment.GetEnvironmentVariable("RAW") is { Length: > 0 } path)
        {
            // RAW=file: that request's bytes as they would arrive on the mirror port, in place of CASE's
            return File.ReadAllBytes(path);
        }
        if (kase == "mesh")
        {
            // bench/load/mirror-request.lua's request, as InlineProxyStepBenchmark sends it
            return Encoding.ASCII.GetBytes("GET /reviews/0 HTTP/1.1\r\nHost: reviews-shadow:9080\r\n" +
                "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
                "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\nx-forwarded-proto: http\r\nx-envoy-attempt-count: 1\r\n" +
                "x-forwarded-for: 10.1.0.52\r\nx-envoy-internal: true\r\nx-forwarded-client-cert: " + MeshXfcc + "\r\n" +
                "x-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\nx-b3-spanid: 9611f0bb69e6f424\r\n\r\n");
        }
        byte[] body = kase switch
        {
            "json" => Encoding.UTF8.GetBytes(EastWestIds.Benchmarks.Signatures.BenignOrderJson.Create(1024 - 420)),
            "binary" => RandomBytes(64 * 1024), // MatcherBenchmark's binary-64k: an upload without Content-Type
            _ => Encoding.UTF8.GetBytes("{\"query\":\"shoes' UNION SELECT username, password FROM users--\",\"page\":1}"),
        };
        string head =
            "POST /api/v1/catalog/search?lang=en&currency=EUR HTTP/1.1\r\n" +
            "host: catalog.shop.svc.cluster.local:8080\r\n" +
            "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36\r\n" +
            "accept: application/json\r\n" + (kase == "binary" ? "" : "content-type: application/json\r\n") +
            "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\n" +
            $"x-forwarded-client-cert: {Xfcc}\r\n" +
            $"content-length: {body.Length}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes); // the seed of MatcherRequests: the same bytes
        return bytes;
    }
}
