namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// Per-request budgets of <see cref="RequestBuffers"/>. Exceeding one never throws: the buffer or value is cut at the
/// budget and an anomaly says so, because an attacker controls every size here and an inspector that fails on a big
/// request is an inspector that can be switched off.
/// </summary>
public sealed record RequestBufferLimits
{
    /// <summary>The defaults: 256 KiB decoded, 1 MiB decompressed body, 1024 arguments, 256 multipart parts, ratio 200.</summary>
    public static RequestBufferLimits Default { get; } = new();

    /// <summary>Bytes all decoded buffers of one request may occupy together (the decompressed body not included).</summary>
    public int MaxDecodedBytes { get; init; } = 256 * 1024;

    /// <summary>Bytes a decompressed body may have; decompression stops there (<c>DecompressionBomb</c>).</summary>
    public int MaxDecompressedBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Arguments (name/value pairs) kept from query, form, JSON and multipart together, and cookies: past it the first
    /// three quarters and the newest quarter (<c>TooManyArgs</c>).
    /// </summary>
    public int MaxArgs { get; init; } = 1024;

    /// <summary>Multipart parts before <c>MalformedMultipart</c> is flagged; later parts are read all the same.</summary>
    public int MaxMultipartParts { get; init; } = 256;

    /// <summary>Decompressed/compressed ratio above which a body of at least 64 KiB is flagged a bomb.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDecodedBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxDecompressedBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxArgs);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxMultipartParts);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCompressionRatio, 1);
    }
}
