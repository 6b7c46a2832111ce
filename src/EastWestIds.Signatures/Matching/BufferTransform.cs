using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Applies one transform (<c>url_decode</c>, <c>xor</c>, …) to a buffer value. The shape of
/// <c>BufferTransforms.Apply</c> in <c>Transforms/</c>: writes into <paramref name="output"/>, which is always at least
/// <c>input.Length + 1</c> bytes (<c>dotprefix</c> adds one; every other transform keeps or shrinks the length), and
/// returns the number of bytes written; or returns a negative number, having written nothing, when the output would be
/// the input as it is.
/// </summary>
public delegate int BufferTransform(TransformOption transform, ReadOnlySpan<byte> input, Span<byte> output);

/// <summary>
/// Runs an injection detector (<c>detect_sqli</c>, <c>detect_xss</c>) on a buffer value; on a hit, says where the
/// suspicious region is so the alert can show it as evidence. <paramref name="byteClasses"/> says which kinds of byte
/// the value may hold, as the matcher's char-class gates computed them for it (one bit per ASCII punctuation char,
/// one each for digits, letters, whitespace kinds, control and high bytes; every bit set when not known): a detector
/// may skip a reading that needs a byte the value cannot hold.
/// </summary>
public delegate bool BufferDetector(ReadOnlySpan<byte> input, ulong byteClasses, out int start, out int length);
