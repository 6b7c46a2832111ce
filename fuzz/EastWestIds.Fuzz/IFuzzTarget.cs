namespace EastWestIds.Fuzz;

/// <summary>
/// One fuzz target: a part that reads untrusted bytes, and the properties it must keep whatever the bytes. A target
/// throws only <see cref="FuzzInvariantException"/> (a property broke) or what escaped the part under test (a bug);
/// both end a fuzzing run as a crash.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name <c>run.sh</c> and the corpus folder use.</summary>
    string Name { get; }

    /// <summary>Runs one input.</summary>
    void Run(ReadOnlySpan<byte> input);
}
