using EastWestIds.Http.Http1;

namespace EastWestIds.Benchmarks.Mocks;

/// <summary>Ignores every callback, so a parser benchmark measures framing alone.</summary>
public readonly struct NullRequestHandler : IHttpRequestHandler
{
    /// <inheritdoc />
    public void OnStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form)
    {
    }

    /// <inheritdoc />
    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
    }

    /// <inheritdoc />
    public void OnHeadersComplete(in RequestFraming framing)
    {
    }

    /// <inheritdoc />
    public void OnBody(ReadOnlySpan<byte> data)
    {
    }

    /// <inheritdoc />
    public void OnTrailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
    }
}
