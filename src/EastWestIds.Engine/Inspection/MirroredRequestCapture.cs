using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// The parser's handler on the mirror port: copies what the parser frames into a <see cref="MirroredRequest"/>,
/// keeping the first <c>bodyBudget</c> and the last <c>tailBudget</c> bytes of the body. The same callbacks are driven from HTTP/2 requests and from
/// recorded traffic, so every ingest builds the same request model.
/// </summary>
public readonly struct MirroredRequestCapture : IHttpRequestHandler
{
    private readonly MirroredRequest _request;
    private readonly int _bodyBudget;
    private readonly int _tailBudget;

    /// <param name="request">The request the callbacks fill.</param>
    /// <param name="bodyBudget">Body bytes kept from the start.</param>
    /// <param name="tailBudget">Body bytes kept from the end of a longer body; 0 where the verdict is due before the body ends (the inline proxy in enforce mode judges its prefix).
    /// With no head budget there is no tail either: 0 means no body is inspected.</param>
    public MirroredRequestCapture(MirroredRequest request, int bodyBudget, int tailBudget = 0)
    {
        _request = request;
        _bodyBudget = bodyBudget;
        _tailBudget = bodyBudget == 0 ? 0 : tailBudget;
    }

    public void OnStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form)
        => _request.SetStartLine(method, target, version, form);

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _request.AddHeader(name, value, isTrailer: false);

    public void OnHeadersComplete(in RequestFraming framing)
    {
        _request.ReceivedAtUtc = DateTime.UtcNow;
        _request.CompleteHead(framing);
    }

    public void OnBody(ReadOnlySpan<byte> data) => _request.AppendBody(data, _bodyBudget, _tailBudget);

    public void OnTrailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => _request.AddHeader(name, value, isTrailer: true);
}
