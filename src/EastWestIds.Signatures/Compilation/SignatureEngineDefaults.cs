using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Compilation;

/// <summary>The compiler options of the product: the real transforms (the default) and the built-in detectors.</summary>
public static class SignatureEngineDefaults
{
    /// <summary>Options with <c>BufferTransforms.Apply</c>, <c>detect_sqli</c> and <c>detect_xss</c>.</summary>
    public static SignatureCompilerOptions Options { get; } = new()
    {
        Detectors = new Dictionary<DetectorKind, BufferDetector>
        {
            [DetectorKind.SqlInjection] = Sql,
            [DetectorKind.CrossSiteScripting] = Xss,
        },
    };

    private static bool Sql(ReadOnlySpan<byte> input, ulong byteClasses, out int start, out int length)
    {
        bool found = SqlInjectionDetector.TryDetect(input, byteClasses, out DetectorMatch match);
        (start, length) = (match.Start, match.Length);
        return found;
    }

    private static bool Xss(ReadOnlySpan<byte> input, ulong byteClasses, out int start, out int length)
    {
        bool found = CrossSiteScriptingDetector.TryDetect(input, byteClasses, out DetectorMatch match);
        (start, length) = (match.Start, match.Length);
        return found;
    }
}
