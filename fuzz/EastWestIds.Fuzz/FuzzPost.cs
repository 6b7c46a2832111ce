using System.Text;

namespace EastWestIds.Fuzz;

/// <summary>The mirrored POST the body targets send: an in-mesh call to the orders service with the caller's XFCC.</summary>
internal static class FuzzPost
{
    /// <summary>The caller's certificate as the sidecar forwards it: the frontend of the shop namespace.</summary>
    internal const string Xfcc = "By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c;Subject=\"\";URI=spiffe://cluster.local/ns/shop/sa/frontend";

    /// <summary>
    /// The request for <paramref name="sent"/> (the body as it goes on the wire, already compressed when
    /// <paramref name="coding"/> names a coding): with Content-Length when <paramref name="chunk"/> is 0, else chunked in
    /// chunks of that size (with <paramref name="extensions"/>, each with a chunk extension and a trailer at the end).
    /// </summary>
    public static byte[] Wire(string contentType, string? coding, byte[] sent, int chunk, bool extensions = false)
    {
        var head = new StringBuilder("POST /api/v1/orders?src=fuzz HTTP/1.1\r\nHost: orders.shop.svc.cluster.local:8080\r\n");
        if (contentType.Length > 0)
        {
            head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        head.Append("x-forwarded-client-cert: ").Append(Xfcc).Append("\r\n");
        if (coding is not null)
        {
            head.Append("Content-Encoding: ").Append(coding).Append("\r\n");
        }

        if (chunk == 0)
        {
            head.Append("Content-Length: ").Append(sent.Length).Append("\r\n\r\n");
            return [.. Encoding.ASCII.GetBytes(head.ToString()), .. sent];
        }

        head.Append("Transfer-Encoding: chunked\r\n\r\n");
        var wire = new MemoryStream();
        wire.Write(Encoding.ASCII.GetBytes(head.ToString()));
        for (int at = 0; at < sent.Length; at += chunk)
        {
            int length = Math.Min(chunk, sent.Length - at);
            wire.Write(Encoding.ASCII.GetBytes(extensions ? $"{length:X};ext=\"a;b\"\r\n" : $"{length:x}\r\n"));
            wire.Write(sent, at, length);
            wire.Write("\r\n"u8);
        }

        wire.Write(extensions ? "0\r\nx-checksum: 1\r\n\r\n"u8 : "0\r\n\r\n"u8);
        return wire.ToArray();
    }
}
