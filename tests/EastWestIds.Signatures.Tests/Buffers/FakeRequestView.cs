using System.Text;
using EastWestIds.Signatures.Buffers;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary>An <see cref="IRequestView"/> built from strings (Latin-1, so "\u00C0" is the byte C0) or bytes.</summary>
internal sealed class FakeRequestView : IRequestView
{
    private readonly List<(byte[] Name, byte[] Value)> _headers = [];
    private byte[] _method = "GET"u8.ToArray();
    private byte[] _target = "/"u8.ToArray();
    private byte[] _protocol = "HTTP/1.1"u8.ToArray();
    private byte[] _body = [];
    private byte[] _tail = [];
    private byte[] _source = [];
    private byte[] _destination = [];

    public static FakeRequestView Get(string target) => new FakeRequestView().WithTarget(target).WithHeader("Host", "svc.ns.svc.cluster.local");

    public static FakeRequestView Post(string target, string contentType, byte[] body) =>
        Get(target).WithMethod("POST").WithHeader("Content-Type", contentType).WithBody(body);

    public static FakeRequestView Post(string target, string contentType, string body) => Post(target, contentType, Latin1(body));

    public static byte[] Latin1(string s) => Encoding.Latin1.GetBytes(s);

    public static string Latin1String(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    public FakeRequestView WithMethod(string method) { _method = Latin1(method); return this; }

    public FakeRequestView WithTarget(string target) { _target = Latin1(target); return this; }

    public FakeRequestView WithHeader(string name, string value) { _headers.Add((Latin1(name), Latin1(value))); return this; }

    public FakeRequestView WithBody(byte[] body) { _body = body; return this; }

    public FakeRequestView WithUtf8(string method, string target, string protocol)
    {
        (_method, _target, _protocol) = (Encoding.UTF8.GetBytes(method), Encoding.UTF8.GetBytes(target), Encoding.UTF8.GetBytes(protocol));
        return this;
    }

    public FakeRequestView WithUtf8Header(string name, string value) { _headers.Add((Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value))); return this; }

    public FakeRequestView Truncated() { BodyTruncated = true; return this; }

    /// <summary>A body longer than what was kept: <see cref="Body"/> its head, <paramref name="tail"/> its last bytes.</summary>
    public FakeRequestView WithTail(string tail) { _tail = Latin1(tail); BodyTruncated = true; return this; }

    public FakeRequestView WithMesh(string source, string destination) { _source = Latin1(source); _destination = Latin1(destination); return this; }

    public ReadOnlySpan<byte> Method => _method;

    public ReadOnlySpan<byte> Target => _target;

    public ReadOnlySpan<byte> Protocol => _protocol;

    public int HeaderCount => _headers.Count;

    public ReadOnlySpan<byte> HeaderName(int index) => _headers[index].Name;

    public ReadOnlySpan<byte> HeaderValue(int index) => _headers[index].Value;

    public ReadOnlySpan<byte> Body => _body;

    public bool BodyTruncated { get; private set; }

    public ReadOnlySpan<byte> BodyTail => _tail;

    public ReadOnlySpan<byte> SourcePrincipal => _source;

    public ReadOnlySpan<byte> DestinationService => _destination;
}
