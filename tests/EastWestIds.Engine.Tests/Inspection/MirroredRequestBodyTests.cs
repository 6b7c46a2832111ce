using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Tests.Inspection;

/// <summary>
/// What a request keeps of its body: the first head-budget bytes and the last tail-budget bytes, whatever the chunks it
/// arrived in, and what it drained in between.
/// </summary>
public sealed class MirroredRequestBodyTests
{
    private const int Head = 100;
    private const int Tail = 64;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Head)]
    [InlineData(Head + 1)]
    [InlineData(Head + Tail)]
    public void BodyUpToBothBudgets_KeptWhole(int length)
    {
        byte[] body = Pattern(length);

        MirroredRequest request = Receive(body, chunk: 7, Head, Tail);

        Assert.Equal(body, request.Body.ToArray());
        Assert.True(request.BodyTail.IsEmpty);
        Assert.False(request.BodyTruncated);
        Assert.Equal(0, request.BodyUninspected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(Tail - 1)]
    [InlineData(Tail)]
    [InlineData(Tail + 1)]
    [InlineData(3 * Tail + 5)]
    [InlineData(100_000)]
    public void LongerBody_KeepsItsStartAndItsEnd_WhateverTheChunks(int chunk)
    {
        byte[] body = Pattern(Head + Tail + 10_007);

        MirroredRequest request = Receive(body, chunk, Head, Tail);

        Assert.Equal(body[..Head], request.Body.ToArray());
        Assert.Equal(body[^Tail..], request.BodyTail.ToArray());
        Assert.Equal(body[^Tail..], request.BodyTail.ToArray()); // read twice: put in order once, then stays so
        Assert.True(request.BodyTruncated);
        Assert.Equal(body.Length, request.BodyReceived);
        Assert.Equal(10_007, request.BodyUninspected);
    }

    [Fact]
    public void NoTailBudget_KeepsThePrefixOnly()
    {
        byte[] body = Pattern(1000);

        MirroredRequest request = Receive(body, chunk: 33, Head, tail: 0);

        Assert.Equal(body[..Head], request.Body.ToArray());
        Assert.True(request.BodyTail.IsEmpty);
        Assert.Equal(1000 - Head, request.BodyUninspected);
    }

    [Fact]
    public void NoHeadBudget_KeepsNothing_EvenWithATailBudget()
    {
        MirroredRequest request = Receive(Pattern(1000), chunk: 33, head: 0, Tail);

        Assert.True(request.Body.IsEmpty);
        Assert.True(request.BodyTail.IsEmpty);
        Assert.Equal(1000, request.BodyUninspected);
    }

    [Fact]
    public void Trailers_AfterALongBody_LeaveTheTailAlone()
    {
        byte[] body = Pattern(5000);
        var request = new MirroredRequest();
        var capture = new MirroredRequestCapture(request, Head, Tail);
        capture.OnStartLine("POST"u8, "/"u8, HttpVersion.Http11, RequestTargetForm.Origin);
        capture.OnHeadersComplete(default);
        capture.OnBody(body);
        capture.OnTrailer("grpc-status"u8, "0"u8);

        Assert.Equal(body[^Tail..], request.BodyTail.ToArray());
        Assert.Equal("0", System.Text.Encoding.ASCII.GetString(request.HeaderValue(0)));
    }

    [Fact]
    public void Reset_ForgetsTheTail()
    {
        MirroredRequest request = Receive(Pattern(5000), chunk: 100, Head, Tail);
        request.Reset();
        var capture = new MirroredRequestCapture(request, Head, Tail);
        capture.OnStartLine("POST"u8, "/"u8, HttpVersion.Http11, RequestTargetForm.Origin);
        capture.OnHeadersComplete(default);
        capture.OnBody("short"u8);

        Assert.Equal("short"u8.ToArray(), request.Body.ToArray());
        Assert.True(request.BodyTail.IsEmpty);
    }

    private static MirroredRequest Receive(byte[] body, int chunk, int head, int tail)
    {
        var request = new MirroredRequest();
        var capture = new MirroredRequestCapture(request, head, tail);
        capture.OnStartLine("POST"u8, "/"u8, HttpVersion.Http11, RequestTargetForm.Origin);
        capture.OnHeadersComplete(default);
        for (int at = 0; at < body.Length; at += chunk)
        {
            capture.OnBody(body.AsSpan(at, Math.Min(chunk, body.Length - at)));
        }

        return request;
    }

    // Distinct bytes at every position a ring could mix up (a period that no budget here divides).
    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i % 251))];
}
