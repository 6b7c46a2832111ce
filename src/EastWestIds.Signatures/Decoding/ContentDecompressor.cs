using System.Buffers;
using System.IO.Compression;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Undoes a body's content codings (gzip, deflate as zlib or raw, br; stacked ones in reverse order of application)
/// into a per-worker buffer, never past <c>maxOutput</c> bytes. Why it is shaped this way:
/// <list type="bullet">
/// <item>A decompression bomb (10 MB of zeros is 10 KB of gzip; stacked codings multiply) must cost at most the
/// budget in memory and time: reading stops at the budget, what was produced is kept and inspected, and
/// <see cref="DecodingAnomalies.DecompressionBomb"/> is raised. The same flag is raised when the ratio of output to
/// input exceeds the configured maximum on an output of at least 64 KiB (a legitimate JSON body compresses 5-20x).</item>
/// <item>Corrupt data raises <see cref="DecodingAnomalies.DecompressionFailed"/> and keeps what decoded before the
/// error; an unknown coding raises <see cref="DecodingAnomalies.UnsupportedContentEncoding"/>; in both cases, when
/// nothing decoded, the caller inspects the body as sent. Never an exception out of here.</item>
/// <item>Buffers are reused across requests and grow rarely. .NET 10 has no span-based inflater, so gzip and deflate
/// cost one <see cref="GZipStream"/>/<see cref="ZLibStream"/>/<see cref="DeflateStream"/> (and its native zlib state) per
/// compressed request; brotli uses the <see cref="BrotliDecoder"/> struct. Uncompressed bodies cost nothing.</item>
/// </list>
/// </summary>
public sealed class ContentDecompressor
{
    /// <summary>The most stacked codings handled (<c>gzip, gzip, br</c> and more is not a client, it is an attack).</summary>
    public const int MaxLayers = 3;

    private const int RatioCheckMinimumOutput = 64 * 1024;
    private readonly ReusableReadStream _source = new();
    private readonly int _maxOutput;
    private readonly int _maxRatio;
    private byte[] _a = [];
    private byte[] _b = [];
    private int _length;
    private bool _resultInA;

    /// <summary>Creates a decompressor that never produces more than <paramref name="maxOutput"/> bytes.</summary>
    /// <param name="maxOutput">Output budget per body.</param>
    /// <param name="maxRatio">Output/input ratio above which (on at least 64 KiB of output) the body is flagged a bomb.</param>
    public ContentDecompressor(int maxOutput, int maxRatio)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRatio, 1);
        _maxOutput = maxOutput;
        _maxRatio = maxRatio;
    }

    /// <summary>The output of the last <see cref="Decompress"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Result => (_resultInA ? _a : _b).AsSpan(0, _length);

    /// <summary>
    /// Undoes <paramref name="codings"/> (as listed in the header, i.e. in order of application) on
    /// <paramref name="body"/>. Returns true when <see cref="Result"/> holds decoded bytes (possibly cut or partial, see
    /// the anomalies); false when the body should be inspected as sent. <paramref name="bodyComplete"/> false (a
    /// truncated body) means a missing end of stream is expected rather than a fault.
    /// </summary>
    public bool Decompress(ReadOnlySpan<byte> body, ReadOnlySpan<ContentCoding> codings, ref DecodingAnomalies anomalies, bool bodyComplete = true)
    {
        _length = 0;
        if (codings.IsEmpty)
        {
            return false;
        }

        foreach (ContentCoding coding in codings)
        {
            if (coding == ContentCoding.Unsupported)
            {
                anomalies |= DecodingAnomalies.UnsupportedContentEncoding;
                return false;
            }
        }

        // Layer input: first the body (copied, streams need an array), then the previous layer's output.
        EnsureCapacity(ref _a, body.Length);
        body.CopyTo(_a);
        int inputLength = body.Length;
        bool inputInA = true;
        for (int layer = codings.Length - 1; layer >= 0; layer--)
        {
            byte[] input = inputInA ? _a : _b;
            int initialOutput = (int)Math.Min(_maxOutput, Math.Max(inputLength * 4L, 4096L));
            if (inputInA)
            {
                EnsureCapacity(ref _b, initialOutput);
            }
            else
            {
                EnsureCapacity(ref _a, initialOutput);
            }

            int produced = DecodeLayer(codings[layer], input, inputLength, inputInA, bodyComplete, ref anomalies, out bool failedEmpty);
            if (failedEmpty)
            {
                return false;
            }

            inputLength = produced;
            inputInA = !inputInA;
        }

        _length = inputLength;
        _resultInA = inputInA;
        if (_length >= RatioCheckMinimumOutput && _length / Math.Max(1, body.Length) > _maxRatio)
        {
            anomalies |= DecodingAnomalies.DecompressionBomb;
        }

        return true;
    }

    private int DecodeLayer(
        ContentCoding coding, byte[] input, int inputLength, bool inputInA, bool inputComplete, ref DecodingAnomalies anomalies, out bool failedEmpty)
    {
        ref byte[] output = ref inputInA ? ref _b : ref _a;
        DecodingAnomalies before = anomalies;
        int written = coding == ContentCoding.Brotli
            ? DecodeBrotli(input.AsSpan(0, inputLength), ref output, ref anomalies)
            : DecodeZlibFamily(coding, input, inputLength, ref output, ref anomalies);

        // GZipStream neither checks the trailer nor complains about a stream that just stops; the ISIZE field (RFC 1952
        // §2.3.1, length mod 2^32) catches corruption and cut streams cheaply. Skipped when the output was cut at the
        // budget (it cannot match) or the body is a prefix (it cannot be there). A gzip stream may hold several members
        // (RFC 1952 §2.2; GZipStream, Go, Java, Python and Node decode them all) and the last ISIZE counts only the last
        // member: when another member header follows the first, it may be less than the whole output, never more.
        bool cut = (anomalies & ~before & DecodingAnomalies.DecompressionBomb) != 0;
        if (coding == ContentCoding.Gzip && inputComplete && !cut && inputLength >= 18
            && TrailerDisagrees(input.AsSpan(0, inputLength), (uint)written))
        {
            anomalies |= DecodingAnomalies.DecompressionFailed;
        }

        failedEmpty = written == 0 && (anomalies & DecodingAnomalies.DecompressionFailed) != 0;
        return written;
    }

    private int DecodeZlibFamily(ContentCoding coding, byte[] input, int inputLength, ref byte[] output, ref DecodingAnomalies anomalies)
    {
        _source.Reset(input, inputLength);
        int written = 0;
        try
        {
            using Stream stream = coding == ContentCoding.Gzip ? new GZipStream(_source, CompressionMode.Decompress, leaveOpen: true)
                : LooksLikeZlib(input.AsSpan(0, inputLength)) ? new ZLibStream(_source, CompressionMode.Decompress, leaveOpen: true)
                : new DeflateStream(_source, CompressionMode.Decompress, leaveOpen: true);
            while (true)
            {
                int limit = Math.Min(output.Length, _maxOutput);
                if (written == limit)
                {
                    if (limit == _maxOutput)
                    {
                        Span<byte> probe = stackalloc byte[1];
                        if (stream.Read(probe) > 0)
                        {
                            anomalies |= DecodingAnomalies.DecompressionBomb;
                        }

                        break;
                    }

                    Grow(ref output, written);
                    continue;
                }

                int n = stream.Read(output.AsSpan(written, limit - written));
                if (n == 0)
                {
                    break;
                }

                written += n;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            anomalies |= DecodingAnomalies.DecompressionFailed;
        }

        return written;
    }

    private int DecodeBrotli(ReadOnlySpan<byte> input, ref byte[] output, ref DecodingAnomalies anomalies)
    {
        using var decoder = new BrotliDecoder();
        int written = 0;
        while (true)
        {
            OperationStatus status = decoder.Decompress(input, output.AsSpan(written, Math.Min(output.Length, _maxOutput) - written), out int consumed, out int n);
            input = input[consumed..];
            written += n;
            switch (status)
            {
                case OperationStatus.Done:
                    return written;
                case OperationStatus.NeedMoreData:
                    return written; // truncated body: keep what decoded
                case OperationStatus.InvalidData:
                    anomalies |= DecodingAnomalies.DecompressionFailed;
                    return written;
                case OperationStatus.DestinationTooSmall:
                    if (written >= _maxOutput)
                    {
                        anomalies |= DecodingAnomalies.DecompressionBomb;
                        return written;
                    }

                    Grow(ref output, written);
                    break;
            }
        }
    }

    private static bool TrailerDisagrees(ReadOnlySpan<byte> gzip, uint written)
    {
        uint lastMemberSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(gzip[^4..]);
        if (lastMemberSize == written)
        {
            return false;
        }

        bool severalMembers = gzip[10..].IndexOf(GzipMemberHeader) >= 0;
        return !severalMembers || lastMemberSize > written;
    }

    // ID1 ID2 CM (RFC 1952 §2.3.1): how every member starts.
    private static ReadOnlySpan<byte> GzipMemberHeader => [0x1f, 0x8b, 0x08];

    // RFC 1950: CM = 8 (deflate), window <= 32K, and the header checksum.
    private static bool LooksLikeZlib(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && (data[0] >> 4) <= 7 && ((data[0] << 8) | data[1]) % 31 == 0;

    private void Grow(ref byte[] buffer, int used)
    {
        int size = (int)Math.Min(_maxOutput, Math.Max(4096L, buffer.Length * 2L));
        var bigger = new byte[size];
        buffer.AsSpan(0, used).CopyTo(bigger);
        buffer = bigger;
    }

    private static void EnsureCapacity(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new byte[size];
        }
    }
}
