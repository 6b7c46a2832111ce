namespace EastWestIds.Fuzz;

/// <summary>
/// Any bytes as one mirror connection: request framing (request line, header block, Content-Length, chunked bodies,
/// pipelining), the identity stage and every buffer the shipped rules read, with the checks of
/// <see cref="ConnectionCheck"/>.
/// </summary>
internal sealed class WireTarget(InspectionHarness harness) : IFuzzTarget
{
    private readonly ConnectionCheck _check = new(harness);

    public string Name => "wire";

    public void Run(ReadOnlySpan<byte> input) => _check.Run(input.ToArray());
}
