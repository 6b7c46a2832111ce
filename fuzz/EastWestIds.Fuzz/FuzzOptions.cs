using EastWestIds.Signatures.Compilation;

namespace EastWestIds.Fuzz;

/// <summary>How the targets compile rules.</summary>
internal static class FuzzOptions
{
    /// <summary>
    /// The engine's defaults with a pcre budget of one second instead of 10 ms: a backtracking pattern that times out
    /// counts as no match, so under a busy fuzzer the same bytes could match once and not the next time, and a
    /// comparison would report the machine's load. A pattern that needs the second is a hang for the fuzzer anyway.
    /// </summary>
    public static readonly SignatureCompilerOptions Compiler = SignatureEngineDefaults.Options with { PcreTimeout = TimeSpan.FromSeconds(1) };
}
