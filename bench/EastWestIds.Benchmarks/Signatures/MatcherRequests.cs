using System.Buffers;
using System.Net;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// The requests <see cref="MatcherBenchmark"/> and <see cref="PrefilterBenchmark"/> measure, framed by the sink's own
/// HTTP/1.1 parser: an in-mesh JSON POST to a catalog service whose body is <c>benign-1k</c> (an order of shoes),
/// <c>attack-sqli</c> (a UNION injection) or <c>binary-64k</c> (random bytes, no Content-Type); and
/// <c>browser-cookies</c>, a GET the frontend passes on from a browser with its cookie jar (consent, analytics and session
/// cookies, 1.3 KB, from the benign corpus's real-client shapes), the dearest benign traffic per request;
/// <c>benign-1k-utf16</c>, the order in UTF-16 as a .NET or Java client can send it, inspected as sent and transcoded;
/// <c>grpc-1k</c>, the order as a gRPC call (a protobuf message of 40 string fields in nested messages, ~1 KiB);
/// <c>msgpack-1k</c>, the order in MessagePack (a map of ten item maps); <c>graphql-1k</c>, the order as a GraphQL
/// mutation with inline string arguments, the <c>query</c> of a JSON body.
/// </summary>
internal static class MatcherRequests
{
    private const string Xfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/frontend";

    private const string CookieJar =
        "_sp_v1_ss=1:H4sIAAAAAAAAAItWqo5RKimOUbLKK83J0YlRSkVil4AlqmtrlXSIUxYLAPL1gztPAAAA; _hp2_ses_props.428289014=%7B%22ts%22%3A1761741750983%2C%22d%22%3A%22shop.example.com%22%2C%22h%22%3A%22%2F%22%7D; " +
        "JSESSIONID=00008FHuZG2OaQ5dRt5yW2VPMTo:c3cziag6x; ajs_anonymous_id=%2263930f81-a1ae-44fc-9e20-29b20220fe15%22; " +
        "__utmz=256015901.1764227669.1.1.utmcsr=google|utmccn=(organic)|utmcmd=organic|utmctr=(not%20provided); _sp_v1_data=2:409909:1762249712:0:1:0:1:0:0:_:-1; " +
        "ajs_user_id=%22usr_24776a5a08ff%22; locale=en_US; _sp_v1_opt=1:login|true:last_id|11:; _sp_v1_uid=1:138:bc947534-fd16-423d-aff8-fe36c99f6117; " +
        "_hp2_id.489049131=%7B%22userId%22%3A%22334743134427769%22%2C%22pageviewId%22%3A%22986601828217790%22%2C%22sessionId%22%3A%22435054174467516%22%2C%22identity%22%3Anull%2C%22trackerVersion%22%3A%224.0%22%7D; " +
        "__utma=158780821.395174560.1764227669.1764227669.1764227669.1; scriptLoaded=1; where=home; _sp_v1_lt=1:; _sp_v1_consent=1!-1:-1:-1:-1:-1:-1; " +
        "LtpaToken2=K2sBbJrPrcM6KfNXrlhwDzmtcDzLqmRhLBcTymhTgCZ4qPZv8fJEpXNP+gKMZv0wAb+rpsr8SD5tQadVOseJSqnqVEj8ghhCsxQJ8xgIZu1o4AZKknv6lbW2qqH+ySP19UMB9xOpPw0u7K2s3XZw6yBDN9mTFvckuh+shDj4TBp7nY+IVo8rIS4/wUDXB3l13bm5y0je; " +
        "consentUUID=4c154931-247b-47ae-86d3-708958a7fcd5_16; _sp_v1_csv=null; _sp_su=false; shipping_zip=74052";

    /// <summary>The request of <paramref name="kase"/>, framed; its size on the wire in <paramref name="wireLength"/>.</summary>
    public static MirroredRequest Frame(string kase, out int wireLength)
    {
        if (kase == "browser-cookies")
        {
            return Parse(kase,
                "GET /api/v1/tickets?mine=true HTTP/1.1\r\n" +
                "host: tickets.shop.svc.cluster.local:8080\r\n" +
                "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36\r\n" +
                "accept: application/json, text/plain, */*\r\naccept-language: en-US,en;q=0.9\r\naccept-encoding: gzip, deflate, br\r\n" +
                "referer: https://shop.example.com/account/tickets?tab=open\r\n" +
                "sec-ch-ua: \"Chromium\";v=\"126\", \"Google Chrome\";v=\"126\", \"Not-A.Brand\";v=\"99\"\r\n" +
                $"cookie: {CookieJar}\r\n" +
                "x-request-id: 0b6c9f2e-5a41-4f7e-9d8e-2c1a7b3e4f50\r\n" +
                $"x-forwarded-client-cert: {Xfcc}\r\n\r\n", [], out wireLength);
        }

        // binary-64k: an upload of 64 KiB of random bytes without Content-Type (the enforce-mode proxy inspects this
        // much of a large upload before forwarding it; it once took seconds and raised chance alerts).
        byte[] body = kase switch
        {
            "benign-1k" => Encoding.UTF8.GetBytes(BenignOrderJson.Create(1024 - 420)),
            "benign-1k-utf16" => Encoding.Unicode.GetBytes(BenignOrderJson.Create(1024 - 420)),
            "grpc-1k" => GrpcOrder(),
            "msgpack-1k" => MessagePackOrder(),
            "graphql-1k" => GraphQlOrder(),
            "binary-64k" => RandomBytes(64 * 1024),
            _ => Encoding.UTF8.GetBytes("{\"query\":\"shoes' UNION SELECT username, password FROM users--\",\"page\":1}"),
        };
        string head =
            "POST /api/v1/catalog/search?lang=en&currency=EUR HTTP/1.1\r\n" +
            "host: catalog.shop.svc.cluster.local:8080\r\n" +
            "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36\r\n" +
            "accept: application/json\r\n" + kase switch
            {
                "binary-64k" => "",
                "grpc-1k" => "content-type: application/grpc\r\nte: trailers\r\n",
                "msgpack-1k" => "content-type: application/msgpack\r\n",
                _ => "content-type: application/json\r\n",
            } +
            "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\n" +
            $"x-forwarded-client-cert: {Xfcc}\r\n" +
            $"content-length: {body.Length}\r\n\r\n";
        return Parse(kase, head, body, out wireLength);
    }

    private static MirroredRequest Parse(string kase, string head, byte[] body, out int wireLength)
    {
        byte[] raw = [.. Encoding.ASCII.GetBytes(head), .. body];
        wireLength = raw.Length;

        var request = new MirroredRequest { PeerAddress = IPAddress.Loopback };
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(raw));
        var capture = new MirroredRequestCapture(request, 64 * 1024);
        if (new Http1RequestParser(HttpLimits.Default).Parse(ref reader, ref capture) != ParseStatus.Complete)
        {
            throw new InvalidOperationException($"{kase} did not frame");
        }

        return request;
    }

    /// <summary>A gRPC frame of an order: 10 line items, each a nested message of four strings (sku, name, size, colour).</summary>
    private static byte[] GrpcOrder()
    {
        var message = new List<byte>();
        message.AddRange(ProtobufString(1, "ord_7f7344ac039a"));
        message.AddRange(ProtobufString(2, "usr_24776a5a08ff"));
        for (int i = 0; i < 10; i++)
        {
            byte[] item =
            [
                .. ProtobufString(1, $"SKU-{4711 + i}-BLK"), .. ProtobufString(2, "Trail running shoe, waterproof"),
                .. ProtobufString(3, $"EU {38 + i}"), .. ProtobufString(4, "black / graphite"), 0x28, (byte)(1 + i),
            ];
            message.AddRange(Protobuf(3, item));
        }

        message.AddRange(ProtobufString(4, "Leave at the door, ring twice."));
        byte[] frame = new byte[5 + message.Count];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Count);
        message.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>The order of <see cref="GrpcOrder"/> as a MessagePack map (keys and strings under 32 bytes: fixstr).</summary>
    private static byte[] MessagePackOrder()
    {
        var document = new List<byte> { 0x84 };
        document.AddRange([.. MessagePackString("order_id"), .. MessagePackString("ord_7f7344ac039a")]);
        document.AddRange([.. MessagePackString("user_id"), .. MessagePackString("usr_24776a5a08ff")]);
        document.AddRange([.. MessagePackString("items"), 0x9A]);
        for (int i = 0; i < 10; i++)
        {
            document.Add(0x85);
            document.AddRange([.. MessagePackString("sku"), .. MessagePackString($"SKU-{4711 + i}-BLK")]);
            document.AddRange([.. MessagePackString("name"), .. MessagePackString("Trail running shoe, waterproof")]);
            document.AddRange([.. MessagePackString("size"), .. MessagePackString($"EU {38 + i}")]);
            document.AddRange([.. MessagePackString("colour"), .. MessagePackString("black / graphite")]);
            document.AddRange([.. MessagePackString("qty"), (byte)(1 + i)]);
        }

        document.AddRange([.. MessagePackString("note"), .. MessagePackString("Leave at the door, ring twice.")]);
        return [.. document];
    }

    private static byte[] MessagePackString(string value) => [(byte)(0xA0 | value.Length), .. Encoding.UTF8.GetBytes(value)];

    /// <summary>The order as a GraphQL mutation whose arguments are written inline, sent as the <c>query</c> of a JSON body.</summary>
    private static byte[] GraphQlOrder()
    {
        var items = string.Join(", ", Enumerable.Range(0, 8).Select(i =>
            $"{{sku: \"SKU-{4711 + i}-BLK\", name: \"Trail running shoe, waterproof\", size: \"EU {38 + i}\", qty: {1 + i}}}"));
        string document = $"mutation PlaceOrder {{ placeOrder(input: {{userId: \"usr_24776a5a08ff\", items: [{items}], "
            + "note: \"Leave at the door, ring twice.\"}) { id total status } }";
        return Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject { ["query"] = document }.ToJsonString());
    }

    private static byte[] ProtobufString(int field, string value) => Protobuf(field, Encoding.UTF8.GetBytes(value));

    // Field numbers and lengths here stay under 128: one byte each.
    private static byte[] Protobuf(int field, byte[] value) => [(byte)(field << 3 | 2), (byte)value.Length, .. value];

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
