using EastWestIds.Http.Http1;

namespace EastWestIds.Http.Tests.Support;

/// <summary>A handler struct that copies everything it is given into a <see cref="RequestRecording"/>.</summary>
public readonly struct RecordingHandler(RequestRecording recording) : IHttpRequestHandler
{
    public RequestRecording Recording { get; } = recording;

    public void OnStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form)
        => Recording.StartLine(method, target, version, form);

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Recording.Header(name, value);

    public void OnHeadersComplete(in RequestFraming framing) => Recording.HeadersComplete(in framing);

    public void OnBody(ReadOnlySpan<byte> data) => Recording.Body(data);

    public void OnTrailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Recording.Trailer(name, value);
}
