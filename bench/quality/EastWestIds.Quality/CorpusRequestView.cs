using System.Text;
using System.Text.Json;
using EastWestIds.Signatures.Buffers;

namespace EastWestIds.Quality;

/// <summary>
/// One corpus line as the signature engine reads it, for the in-process scan (<c>--scan</c>): the fields of the
/// corpus format as bytes, the body de-chunked when the request says <c>Transfer-Encoding: chunked</c>. It skips the
/// HTTP parser, so protocol findings (91xxxxx) are not produced; <c>ewids scan</c> produces them. A body longer than the
/// sink's default budgets is seen as the sink sees it: its first <see cref="BodyHeadBytes"/> and last
/// <see cref="BodyTailBytes"/>.
/// </summary>
public sealed class CorpusRequestView : IRequestView
{
    /// <summary>The sink's default <c>max-body-inspect</c> (InspectionOptions.MaxInspectedBodyBytes).</summary>
    public const int BodyHeadBytes = 64 * 1024;

    /// <summary>The sink's default <c>max-body-inspect-tail</c> (InspectionOptions.MaxInspectedBodyTailBytes).</summary>
    public const int BodyTailBytes = 16 * 1024;

    private readonly byte[] _method;
    private readonly byte[] _target;
    private readonly byte[] _protocol;
    private readonly List<(byte[] Name, byte[] Value)> _headers = [];
    private readonly byte[] _body;
    private readonly byte[] _tail = [];

    /// <summary>Reads one corpus line.</summary>
    public CorpusRequestView(JsonElement line)
    {
        _method = Bytes(line, "method", "GET");
        _target = Bytes(line, "uri", "/");
        _protocol = Bytes(line, "http_version", "HTTP/1.1");
        bool chunked = false;
        if (line.TryGetProperty("headers", out JsonElement headers))
        {
            foreach (JsonElement pair in headers.EnumerateArray())
            {
                string name = pair[0].GetString() ?? "";
                string value = (pair[1].GetString() ?? "").Trim();
                chunked |= name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                _headers.Add((Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value)));
            }
        }

        string body = line.TryGetProperty("body", out JsonElement b) ? b.GetString() ?? "" : "";
        bool base64 = line.TryGetProperty("body_base64", out JsonElement b64) && b64.ValueKind == JsonValueKind.True;
        byte[] raw = base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
        _body = chunked ? Dechunk(raw) : raw;
        if (_body.Length > BodyHeadBytes + BodyTailBytes)
        {
            _tail = _body[^BodyTailBytes..];
            _body = _body[..BodyHeadBytes];
        }

        Id = line.TryGetProperty("id", out JsonElement id) ? (id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText()) : "";
    }

    /// <summary>The line's id.</summary>
    public string Id { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Method => _method;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Target => _target;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Protocol => _protocol;

    /// <inheritdoc/>
    public int HeaderCount => _headers.Count;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Body => _body;

    /// <inheritdoc/>
    public bool BodyTruncated => _tail.Length > 0;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> BodyTail => _tail;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> SourcePrincipal => [];

    /// <inheritdoc/>
    public ReadOnlySpan<byte> DestinationService => [];

    /// <inheritdoc/>
    public ReadOnlySpan<byte> HeaderName(int index) => _headers[index].Name;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> HeaderValue(int index) => _headers[index].Value;

    private static byte[] Bytes(JsonElement line, string name, string fallback) =>
        Encoding.UTF8.GetBytes(line.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : fallback);

    // Chunk sizes in hex, each chunk followed by CRLF; a malformed body is kept as sent.
    private static byte[] Dechunk(byte[] raw)
    {
        var output = new List<byte>(raw.Length);
        int pos = 0;
        while (pos < raw.Length)
        {
            int lineEnd = Array.IndexOf(raw, (byte)'\n', pos);
            if (lineEnd < 0)
            {
                return raw;
            }

            string sizeText = Encoding.ASCII.GetString(raw, pos, lineEnd - pos).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out int size) || size < 0)
            {
                return raw;
            }

            if (size == 0)
            {
                return [.. output];
            }

            int start = lineEnd + 1;
            if (start + size > raw.Length)
            {
                return raw;
            }

            output.AddRange(raw.AsSpan(start, size).ToArray());
            pos = start + size;
            while (pos < raw.Length && raw[pos] is (byte)'\r' or (byte)'\n')
            {
                pos++;
            }
        }

        return [.. output];
    }
}
