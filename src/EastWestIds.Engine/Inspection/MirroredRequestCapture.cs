using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// The parser's handler on the mirror port: copies what the parser frames into a <see cref="MirroredRequest"/>,
/// keeping at most <c>bodyBudget</c> bytes of body. The same callbacks are driven from HTTP/2 requests and from
/// recorded traffic, so every ingest builds the same request model.
/// </summary>
public readonly struct MirroredRequestCapture : IHttpRequestHandler
{
    private readonly MirroredRequest _request;
    private readonly int _bodyBudget;

    public MirroredRequestCapture(MirroredRequest request, int bodyBudget)
    {
        _request = request;
        _bodyBudget = bodyBudget;
    }

    public void OnStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form)
        => _request.SetStartLine(method, target, version, form);

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _request.AddHeader(name, value, isTrailer: false);

    public void OnHeadersComplete(in RequestFraming framing)
    {
        _request.ReceivedAtUtc = DateTime.UtcNow;
        _request.CompleteHead(framing);
    }

    public void OnBody(ReadOnlySpan<byte> data) => _request.AppendBody(data, _bodyBudget);

    public void OnTrailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _request.AddHeader(name, value, isTrailer: true);
}
