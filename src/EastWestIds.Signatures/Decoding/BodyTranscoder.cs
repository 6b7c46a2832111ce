using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Transcodes a body from the encoding <see cref="BodyCharset"/> found into UTF-8, the bytes every rule reads, into
/// per-worker buffers that grow rarely and are reused. Invalid input (an odd trailing byte of UTF-16, a lone
/// surrogate) becomes U+FFFD, as the decoders of the servers behind substitute it; nothing throws. The output never
/// passes <c>maxOutput</c> bytes (<see cref="DecodingAnomalies.DecodeBudgetExceeded"/> past it; what fits is kept).
/// </summary>
public sealed class BodyTranscoder
{
    private readonly int _maxOutput;
    private char[] _chars = [];
    private byte[] _bytes = [];
    private int _length;

    /// <summary>Creates a transcoder that never produces more than <paramref name="maxOutput"/> bytes.</summary>
    public BodyTranscoder(int maxOutput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);
        _maxOutput = maxOutput;
    }

    /// <summary>The UTF-8 text of the last <see cref="Transcode"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Result => _bytes.AsSpan(0, _length);

    /// <summary>Transcodes <paramref name="body"/> from <paramref name="encoding"/> into <see cref="Result"/>.</summary>
    public void Transcode(ReadOnlySpan<byte> body, Encoding encoding, ref DecodingAnomalies anomalies)
    {
        ReadOnlySpan<char> chars = Decode(body, encoding);

        // A char of the encodings transcoded here is at most three UTF-8 bytes (U+FFFD included).
        int wanted = (int)Math.Min((long)chars.Length * 3, _maxOutput);
        Grow(ref _bytes, wanted);
        _length = ToUtf8(chars, _bytes.AsSpan(0, wanted), ref anomalies);
    }

    /// <summary>
    /// Transcodes <paramref name="text"/> (a multipart part, say) into <paramref name="destination"/> and returns the
    /// bytes written; <see cref="Result"/> is left as it was.
    /// </summary>
    public int TranscodeInto(ReadOnlySpan<byte> text, Encoding encoding, Span<byte> destination, ref DecodingAnomalies anomalies)
        => ToUtf8(Decode(text, encoding), destination, ref anomalies);

    private ReadOnlySpan<char> Decode(ReadOnlySpan<byte> text, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        Grow(ref _chars, encoding.GetCharCount(text));
        return _chars.AsSpan(0, encoding.GetChars(text, _chars));
    }

    private static int ToUtf8(ReadOnlySpan<char> chars, Span<byte> destination, ref DecodingAnomalies anomalies)
    {
        if (Utf8.FromUtf16(chars, destination, out _, out int written) == OperationStatus.DestinationTooSmall)
        {
            anomalies |= DecodingAnomalies.DecodeBudgetExceeded;
        }

        return written;
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, Math.Min(buffer.Length * 2, Array.MaxLength))];
        }
    }
}
