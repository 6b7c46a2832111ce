using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using EastWestIds.TestCommon;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>
/// The zero-allocation promise for benign requests, checked with the per-thread allocation counter (exact, unlike
/// the process-wide one, and unaffected by other tests running in parallel on other threads).
/// </summary>
public class RequestBuffersAllocationTests
{
    private static readonly InspectionBuffer[] AllBuffers = Enum.GetValues<InspectionBuffer>(); // Enum.GetValues allocates

    private static void DecodeAll(RequestBuffers buffers, FakeRequestView view)
    {
        buffers.Reset(view);
        buffers.DecodeAll();
        int total = 0;
        foreach (InspectionBuffer buffer in AllBuffers)
        {
            for (int i = 0; i < buffers.Count(buffer); i++)
            {
                total += buffers.Get(buffer, i).Length;
            }
        }

        Assert.True(total > 0);
    }

    public static TheoryData<string> BenignRequests() => new()
    {
        "get",
        "form",
        "json",
        "multipart",
        "multipart-utf16",
        "json-utf16",
        "form-ibm037",
        "json-as-text",
        "grpc",
        "grpc-web-text",
        "msgpack",
        "cbor-chunked",
        "graphql",
        "graphql-in-json",
        "yaml",
        "bearer-jwt",
        "form-with-tail",
        "json-with-tail",
        "multipart-with-tail",
    };

    private static FakeRequestView Make(string kind) => kind switch
    {
        "get" => FakeRequestView.Get("/api/v1/orders?customer=42&q=red+shoes%20size%2042&sort=-date")
            .WithHeader("User-Agent", "orders-client/1.4").WithHeader("Accept", "application/json").WithHeader("Cookie", "a=1")
            .WithHeader("x-forwarded-for", "10.1.0.52").WithHeader("x-tenant-id", "acme-eu").WithHeader("x-b3-traceid", "d605f723bc9ff6b7")
            .WithMesh("spiffe://cluster.local/ns/shop/sa/web", "orders"),
        "form" => FakeRequestView.Post("/login", "application/x-www-form-urlencoded", "user=o%27brien&pass=s3cr3t%21&remember=on"),
        "json" => FakeRequestView.Post("/api", "application/json", "{\"name\":\"O\\u0027Brien\",\"items\":[{\"sku\":\"A-1\",\"qty\":2}],\"note\":\"leave at door\"}"),
        "json-utf16" => FakeRequestView.Post("/api", "application/json", System.Text.Encoding.Unicode.GetBytes("{\"name\":\"Zoë\",\"note\":\"leave at door\"}")),
        "form-ibm037" => FakeRequestView.Post("/login", "application/x-www-form-urlencoded; charset=ibm037",
            System.Text.CodePagesEncodingProvider.Instance.GetEncoding(37)!.GetBytes("user=o%27brien&remember=on")),
        "multipart-utf16" => FakeRequestView.Post("/up", "multipart/form-data; boundary=b",
            [.. "--b\r\nContent-Disposition: form-data; name=\"t\"\r\nContent-Type: text/plain; charset=utf-16\r\n\r\n"u8, .. System.Text.Encoding.Unicode.GetBytes("Zoë"), .. "\r\n--b--\r\n"u8]),
        "json-as-text" => FakeRequestView.Post("/api", "text/plain", "{\"sku\":\"A-1\",\"qty\":2, \"note\":\"leave at door\"}"),
        "form-with-tail" => FakeRequestView.Post("/login", "application/x-www-form-urlencoded", "pad=aaaa").WithTail("aaaa&user=o%27brien&remember=on"),
        "json-with-tail" => FakeRequestView.Post("/api", "application/json", "{\"pad\":\"aaaa").WithTail("aaaa\",\"name\":\"O\\u0027Brien\",\"qty\":2}"),
        "multipart-with-tail" => FakeRequestView.Post("/up", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\naaaa")
            .WithTail("aaaa\r\n--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nhi\r\n--b--\r\n"),
        "grpc" => FakeRequestView.Post("/shop.v1.Orders/Search", "application/grpc", GrpcSearch),
        "grpc-web-text" => FakeRequestView.Post("/shop.v1.Orders/Search", "application/grpc-web-text", System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(GrpcSearch))),
        // {"q": "red shoes", "tags": ["a", "b"]} and {"q": "red " "shoes" (two chunks), "page": 2}
        "msgpack" => FakeRequestView.Post("/api", "application/msgpack", [0x82, 0xA1, (byte)'q', 0xA9, .. "red shoes"u8, 0xA4, .. "tags"u8, 0x92, 0xA1, (byte)'a', 0xA1, (byte)'b']),
        "cbor-chunked" => FakeRequestView.Post("/api", "application/cbor", [0xA2, 0x61, (byte)'q', 0x7F, 0x64, .. "red "u8, 0x65, .. "shoes"u8, 0xFF, 0x64, .. "page"u8, 0x02]),
        "graphql" => FakeRequestView.Post("/graphql", "application/graphql", "query { product(sku: \"A-1\") { name price } }"),
        "graphql-in-json" => FakeRequestView.Post("/graphql", "application/json", """{"query":"query { product(sku: \"A-1\", note: \"caf\\u00e9\") { name } }","variables":{}}"""),
        "yaml" => FakeRequestView.Post("/api/v1/flags", "application/yaml",
            "flags:\n  - name: new_checkout # on\n    note: \"caf\\u00e9 \\x27open\\x27\"\n    tags: [eu, 'it''s']\n    text: |\n      line one\n      line two\n"),
        "bearer-jwt" => FakeRequestView.Get("/api/v1/orders").WithHeader("Authorization",
            "Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzdmMtb3JkZXJzIiwic2NvcGUiOiJvcmRlcnM6cmVhZCJ9.c2lnbmF0dXJl"),
        _ => FakeRequestView.Post("/up", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nhi\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\ndata\r\n--b--\r\n"),
    };

    private static readonly byte[] GrpcSearch = RequestBuffersProtobufTests.Wire.Frame(
        [.. RequestBuffersProtobufTests.Wire.String(1, "red shoes"), .. RequestBuffersProtobufTests.Wire.Bytes(2, RequestBuffersProtobufTests.Wire.String(1, "size 42")), .. RequestBuffersProtobufTests.Wire.Number(3, 20)]);

    [Theory]
    [MemberData(nameof(BenignRequests))]
    public void DecodeAll_WarmedUp_AllocatesNothing(string kind)
    {
        var buffers = new RequestBuffers();
        FakeRequestView view = Make(kind);
        DecodeAll(buffers, view); // warm-up: grows arena and segment tables once

        Assert.Equal(0, SteadyAllocation.LeastBytes(() => DecodeAll(buffers, view)));
    }
}
