using System.Security.Cryptography;
using System.Text;

namespace EastWestIds.TestCommon;

/// <summary>
/// Realistic mirrored HTTP/1.1 requests, and named malformed and smuggling shapes, as raw bytes. Shared by the
/// parser, engine and functional tests and linked into the benchmarks (so: BCL only, no reference to the Http
/// project). Valid requests look like what an Istio sidecar mirrors to the sink: lower-case names, Envoy's
/// <c>x-*</c> headers, an XFCC element naming the caller, a <c>-shadow</c> host.
/// </summary>
/// <remarks>
/// Strings below are turned into bytes with Latin-1 (one char = one byte), so <c>\0</c>, <c>\x01</c> and
/// <c>\u00C3</c> mean exactly those bytes. Every array is shared: copy before modifying.
/// </remarks>
public static partial class RequestCorpus
{
    /// <summary>The XFCC element the sink's sidecar appends for a call from bookinfo's productpage (DESIGN.md).</summary>
    public const string ProductPageXfcc =
        "By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c5a3b9d1f7e2c8a6b4d0f9e3c7a1b5d2f8e6c4a0b9d3f7e1c5a8b2d6f04df;"
        + "Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    /// <summary>The JSON body of <see cref="JsonPost1K"/>: exactly 1,024 bytes.</summary>
    public static readonly byte[] JsonBody1K = JsonBody(1024);

    /// <summary>The JSON body of <see cref="JsonPost64K"/>: exactly 65,536 bytes.</summary>
    public static readonly byte[] JsonBody64K = JsonBody(64 * 1024);

    /// <summary>The de-chunked payload of <see cref="ChunkedPost"/>.</summary>
    public static readonly byte[] ChunkedPayload = Latin1("{\"reviewer\":\"reviewer1\",\"productId\":0,\"rating\":{\"stars\":5,\"color\":\"red\"}}");

    /// <summary>
    /// The request of DESIGN.md ("What a mirrored request looks like"): <c>GET /reviews/0</c> to
    /// <c>reviews-shadow:9080</c> with Envoy's headers and one XFCC element; no body.
    /// </summary>
    public static readonly byte[] ShadowGet = Latin1(
        "GET /reviews/0 HTTP/1.1\r\n"
        + "host: reviews-shadow:9080\r\n"
        + "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n"
        + "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\n"
        + "x-forwarded-proto: http\r\n"
        + "x-envoy-attempt-count: 1\r\n"
        + "x-forwarded-for: 10.1.0.52\r\n"
        + "x-envoy-internal: true\r\n"
        + "x-forwarded-client-cert: " + ProductPageXfcc + "\r\n"
        + "x-b3-traceid: d605f723bc9ff6b76e19334ef7882929\r\n"
        + "x-b3-spanid: 9611f0bb69e6f424\r\n"
        + "\r\n");

    /// <summary>A browser's page load relayed through the mesh: cookies, accept headers, a query string, ~1.3 KiB head.</summary>
    public static readonly byte[] BrowserGet = Latin1(
        "GET /productpage?u=normal&lang=en HTTP/1.1\r\n"
        + "host: productpage-shadow:9080\r\n"
        + "user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r\n"
        + "accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8\r\n"
        + "accept-language: en-US,en;q=0.9,de;q=0.8\r\n"
        + "accept-encoding: gzip, deflate, br\r\n"
        + "referer: http://bookinfo.example.com/productpage?u=normal\r\n"
        + "cookie: session=eyJ1c2VyIjoiamFzb24iLCJleHAiOjE3MzAwMDAwMDB9.c2lnbmF0dXJl; csrftoken=Q9v2kX7hTq3mZ8wL1pR4sN6bY0cJ5dF2; "
        + "_ga=GA1.2.1234567890.1700000000; _gid=GA1.2.987654321.1700000000; theme=dark; consent=analytics%3Dtrue%26ads%3Dfalse\r\n"
        + "upgrade-insecure-requests: 1\r\n"
        + "sec-fetch-dest: document\r\n"
        + "sec-fetch-mode: navigate\r\n"
        + "sec-fetch-site: same-origin\r\n"
        + "sec-fetch-user: ?1\r\n"
        + "x-request-id: 3e2f1a0b-5c6d-4e7f-8a9b-0c1d2e3f4a5b\r\n"
        + "x-forwarded-proto: http\r\n"
        + "x-envoy-attempt-count: 1\r\n"
        + "x-forwarded-for: 203.0.113.7,10.1.0.12\r\n"
        + "x-envoy-external-address: 203.0.113.7\r\n"
        + "x-forwarded-client-cert: By=spiffe://cluster.local/ns/default/sa/default;Hash=0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c;"
        + "Subject=\"\";URI=spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account\r\n"
        + "x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7\r\n"
        + "x-b3-spanid: e457b5a2e4d86bd1\r\n"
        + "x-b3-parentspanid: 05e3ac9a4f6e3b90\r\n"
        + "x-b3-sampled: 1\r\n"
        + "\r\n");

    /// <summary>A JSON API call with a 1 KiB Content-Length body (<see cref="JsonBody1K"/>).</summary>
    public static readonly byte[] JsonPost1K = JsonPost("/ratings/0", JsonBody1K);

    /// <summary>A JSON API call with a 64 KiB Content-Length body (<see cref="JsonBody64K"/>).</summary>
    public static readonly byte[] JsonPost64K = JsonPost("/ratings/bulk", JsonBody64K);

    /// <summary>
    /// A chunked upload: two chunks, one with a token extension and one with a quoted-string extension (with an
    /// escaped quote and a semicolon inside), then a last-chunk and one trailer field (<c>x-content-sha256</c>).
    /// The payload is <see cref="ChunkedPayload"/>.
    /// </summary>
    public static readonly byte[] ChunkedPost = BuildChunkedPost();

    /// <summary>16 keep-alive GETs (<c>/reviews/0</c> … <c>/reviews/15</c>) in one buffer, as a pipelining client sends them.</summary>
    public static readonly byte[] Pipelined16 = BuildPipelined(16);

    /// <summary>The valid inputs, by name: ShadowGet, BrowserGet, JsonPost1K, JsonPost64K, ChunkedPost, Pipelined16.</summary>
    public static IReadOnlyList<Case> Valid { get; } =
    [
        new("ShadowGet", "DESIGN.md's mirrored GET with XFCC", ShadowGet, 1, null),
        new("BrowserGet", "browser page load with cookies", BrowserGet, 1, null),
        new("JsonPost1K", "JSON POST, 1 KiB Content-Length body", JsonPost1K, 1, null),
        new("JsonPost64K", "JSON POST, 64 KiB Content-Length body", JsonPost64K, 1, null),
        new("ChunkedPost", "chunked POST with extensions and a trailer", ChunkedPost, 1, null),
        new("Pipelined16", "16 pipelined keep-alive GETs", Pipelined16, 16, null),
    ];

    /// <summary>Every named input, valid and invalid.</summary>
    public static IEnumerable<Case> All => Valid.Concat(Invalid);

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static Case Find(string name)
        => All.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"no corpus case named '{name}'");

    /// <summary>Latin-1 bytes of <paramref name="text"/>: each char is one byte, whatever its value.</summary>
    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] JsonPost(string path, byte[] body)
    {
        string head = $"POST {path} HTTP/1.1\r\n"
            + "host: ratings-shadow:9080\r\n"
            + "user-agent: python-requests/2.31.0\r\n"
            + "accept: application/json\r\n"
            + "content-type: application/json\r\n"
            + $"content-length: {body.Length}\r\n"
            + "x-request-id: 9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\r\n"
            + "x-forwarded-proto: http\r\n"
            + "x-envoy-attempt-count: 1\r\n"
            + "x-forwarded-client-cert: By=spiffe://cluster.local/ns/default/sa/default;Hash=5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e;"
            + "Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-reviews\r\n"
            + "x-b3-traceid: 4bf92f3577b34da6a3ce929d0e0e4736\r\n"
            + "x-b3-spanid: 00f067aa0ba902b7\r\n"
            + "\r\n";
        return [.. Latin1(head), .. body];
    }

    private static byte[] BuildChunkedPost()
    {
        byte[] first = ChunkedPayload[..40];
        byte[] second = ChunkedPayload[40..];
        string sha = Convert.ToHexStringLower(SHA256.HashData(ChunkedPayload));
        string head = "POST /ratings/0 HTTP/1.1\r\n"
            + "host: ratings-shadow:9080\r\n"
            + "user-agent: Go-http-client/1.1\r\n"
            + "content-type: application/json\r\n"
            + "transfer-encoding: chunked\r\n"
            + "trailer: x-content-sha256\r\n"
            + "x-request-id: 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9\r\n"
            + "x-forwarded-proto: http\r\n"
            + "x-forwarded-client-cert: By=spiffe://cluster.local/ns/default/sa/default;Hash=aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00ee11ff22aa33bb44cc55dd66;"
            + "Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-reviews\r\n"
            + "\r\n";
        return
        [
            .. Latin1(head),
            .. Latin1($"{first.Length:x};source=reviews-v2\r\n"), .. first, .. Latin1("\r\n"),
            .. Latin1($"{second.Length:X} ; note=\"part \\\"two\\\"; last\"\r\n"), .. second, .. Latin1("\r\n"),
            .. Latin1("0\r\n"),
            .. Latin1($"x-content-sha256: {sha}\r\n"),
            .. Latin1("\r\n"),
        ];
    }

    private static byte[] BuildPipelined(int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append($"GET /reviews/{i} HTTP/1.1\r\n")
                .Append("host: reviews-shadow:9080\r\n")
                .Append("user-agent: Envoy/HC\r\n")
                .Append($"x-request-id: 0000{i:x4}-039a-99ee-910b-7a1716fa9a6e\r\n")
                .Append("x-forwarded-proto: http\r\n")
                .Append("x-forwarded-client-cert: ").Append(ProductPageXfcc).Append("\r\n")
                .Append("\r\n");
        }

        return Latin1(text.ToString());
    }

    /// <summary>Deterministic JSON of exactly <paramref name="size"/> bytes: review objects, then padding.</summary>
    private static byte[] JsonBody(int size)
    {
        const string Closing = "],\"padding\":\"\"}";
        var text = new StringBuilder("{\"productId\":0,\"reviews\":[");
        for (int i = 0; ; i++)
        {
            string item = (i > 0 ? "," : "")
                + $"{{\"id\":{i},\"reviewer\":\"reviewer{i}\",\"rating\":{{\"stars\":{(i % 5) + 1},\"color\":\"{(i % 2 == 0 ? "black" : "red")}\"}},"
                + "\"text\":\"An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!\"}";
            if (text.Length + item.Length + Closing.Length > size)
            {
                break;
            }

            text.Append(item);
        }

        int padding = size - text.Length - Closing.Length;
        text.Append("],\"padding\":\"").Append('x', padding).Append("\"}");
        byte[] json = Latin1(text.ToString());
        return json.Length == size ? json : throw new InvalidOperationException($"JSON body is {json.Length} bytes, not {size}");
    }
}
