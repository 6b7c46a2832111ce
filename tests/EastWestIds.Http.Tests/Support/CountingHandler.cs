using EastWestIds.Http.Http1;

namespace EastWestIds.Http.Tests.Support;

/// <summary>A handler that only counts (mutable struct fields), for allocation tests: it allocates nothing itself.</summary>
public struct CountingHandler : IHttpRequestHandler
{
    public int StartLines;
    public int Headers;
    public int Completes;
    public long BodyBytes;
    public int Trailers;

    public void OnStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form) => StartLines++;

    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Headers++;

    public void OnHeadersComplete(in RequestFraming framing) => Completes++;

    public void OnBody(ReadOnlySpan<byte> data) => BodyBytes += data.Length;

    public void OnTrailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) => Trailers++;
}
