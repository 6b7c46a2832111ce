using System.Buffers;
using System.Net;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// The requests <see cref="MatcherBenchmark"/> and <see cref="PrefilterBenchmark"/> measure, framed by the sink's own
/// HTTP/1.1 parser: an in-mesh JSON POST to a catalog service whose body is <c>benign-1k</c> (an order of shoes),
/// <c>attack-sqli</c> (a UNION injection) or <c>binary-64k</c> (random bytes, no Content-Type).
/// </summary>
internal static class MatcherRequests
{
    private const string Xfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/frontend";

    /// <summary>The request of <paramref name="kase"/>, framed; its size on the wire in <paramref name="wireLength"/>.</summary>
    public static MirroredRequest Frame(string kase, out int wireLength)
    {
        // binary-64k: an upload of 64 KiB of random bytes without Content-Type (the enforce-mode proxy inspects this
        // much of a large upload before forwarding it; it once took seconds and raised chance alerts).
        byte[] body = kase switch
        {
            "benign-1k" => Encoding.UTF8.GetBytes(BenignOrderJson.Create(1024 - 420)),
            "binary-64k" => RandomBytes(64 * 1024),
            _ => Encoding.UTF8.GetBytes("{\"query\":\"shoes' UNION SELECT username, password FROM users--\",\"page\":1}"),
        };
        string head =
            "POST /api/v1/catalog/search?lang=en&currency=EUR HTTP/1.1\r\n" +
            "host: catalog.shop.svc.cluster.local:8080\r\n" +
            "user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36\r\n" +
            "accept: application/json\r\n" + (kase == "binary-64k" ? "" : "content-type: application/json\r\n") +
            "x-request-id: 7f7344ac-039a-99ee-910b-7a1716fa9a6e\r\n" +
            $"x-forwarded-client-cert: {Xfcc}\r\n" +
            $"content-length: {body.Length}\r\n\r\n";
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

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
