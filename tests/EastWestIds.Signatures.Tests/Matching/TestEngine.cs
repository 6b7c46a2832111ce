using System.Text;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// Compiles rule text for tests, with test doubles of the transforms and detectors (the real ones are built and
/// tested in Transforms/ and Detectors/): to_lowercase, strip_whitespace, dotprefix; a "detector" that flags the
/// first "' or 1=1" (SQL) or "&lt;script" (XSS).
/// </summary>
internal static class TestEngine
{
    public static readonly BufferTransform Transform = (TransformOption t, ReadOnlySpan<byte> input, Span<byte> output) =>
    {
        switch (t.Kind)
        {
            case TransformKind.ToLowercase:
                for (int i = 0; i < input.Length; i++)
                {
                    output[i] = input[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(input[i] | 0x20) : input[i];
                }

                return input.Length;
            case TransformKind.StripWhitespace:
                int n = 0;
                foreach (byte b in input)
                {
                    if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                    {
                        output[n++] = b;
                    }
                }

                return n;
            case TransformKind.DotPrefix:
                output[0] = (byte)'.';
                input.CopyTo(output[1..]);
                return input.Length + 1;
            default:
                throw new NotSupportedException(t.Kind.ToString());
        }
    };

    public static SignatureCompilerOptions Options { get; } = new()
    {
        Transform = Transform,
        Detectors = new Dictionary<DetectorKind, BufferDetector>
        {
            [DetectorKind.SqlInjection] = (ReadOnlySpan<byte> input, ulong _, out int start, out int length) => Find(input, "' or 1=1", out start, out length),
            [DetectorKind.CrossSiteScripting] = (ReadOnlySpan<byte> input, ulong _, out int start, out int length) => Find(input, "<script", out start, out length),
        },
    };

    public static CompiledSignatureSet Compile(params string[] rules)
    {
        SignatureCompileResult result = SignatureSetLoader.LoadTexts([("test.rules", string.Join("\n", rules))], Options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Set!;
    }

    /// <summary>A rule on http.uri with the given options (msg and sid added).</summary>
    public static string Rule(string options, int sid = 1) =>
        $"alert http any any -> any any (msg:\"test {sid}\"; {options} sid:{sid};)";

    public static SignatureMatcher Matcher(params string[] rules) => new(Compile(rules));

    public static bool Matches(string options, string uri) => Matcher(Rule(options)).Inspect(FakeBuffers.Uri(uri)) == 1;

    private static bool Find(ReadOnlySpan<byte> input, string needle, out int start, out int length)
    {
        start = input.IndexOf(Encoding.ASCII.GetBytes(needle));
        length = start < 0 ? 0 : needle.Length;
        return start >= 0;
    }
}
