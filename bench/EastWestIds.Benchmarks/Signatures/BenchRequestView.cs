using System.Text;
using EastWestIds.Signatures.Buffers;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>A request held as byte arrays, as the engine's mirrored request would hand it over.</summary>
internal sealed class BenchRequestView : IRequestView
{
    private readonly byte[] _method;
    private readonly byte[] _target;
    private readonly (byte[] Name, byte[] Value)[] _headers;
    private readonly byte[] _body;
    private readonly byte[] _source = Encoding.ASCII.GetBytes("spiffe://cluster.local/ns/shop/sa/web");
    private readonly byte[] _destination = Encoding.ASCII.GetBytes("orders");

    public BenchRequestView(string method, string target, (string Name, string Value)[] headers, byte[] body)
    {
        _method = Encoding.ASCII.GetBytes(method);
        _target = Encoding.ASCII.GetBytes(target);
        _headers = headers.Select(h => (Encoding.ASCII.GetBytes(h.Name), Encoding.ASCII.GetBytes(h.Value))).ToArray();
        _body = body;
    }

    /// <summary>Bytes of the request on the wire (request line, headers, body), for MB/s.</summary>
    public int WireLength =>
        _method.Length + _target.Length + 12 + _headers.Sum(h => h.Name.Length + h.Value.Length + 4) + 2 + _body.Length;

    public ReadOnlySpan<byte> Method => _method;

    public ReadOnlySpan<byte> Target => _target;

    public ReadOnlySpan<byte> Protocol => "HTTP/1.1"u8;

    public int HeaderCount => _headers.Length;

    public ReadOnlySpan<byte> HeaderName(int index) => _headers[index].Name;

    public ReadOnlySpan<byte> HeaderValue(int index) => _headers[index].Value;

    public ReadOnlySpan<byte> Body => _body;

    public bool BodyTruncated => false;

    public ReadOnlySpan<byte> SourcePrincipal => _source;

    public ReadOnlySpan<byte> DestinationService => _destination;
}
