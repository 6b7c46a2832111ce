using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EastWestIds.Engine.Offline;

/// <summary>
/// HAR 1.2 (<c>log.entries[].request</c>): <c>method</c>, <c>url</c> (an absolute URL becomes an origin-form
/// target plus a Host header unless one was recorded), <c>httpVersion</c>, <c>headers[{name, value}]</c> and
/// <c>postData.text</c> (or <c>postData.params</c>). Each entry is one record, id = its 1-based position;
/// <c>startedDateTime</c> becomes the request's time, so alerts say when it was made.
/// </summary>
/// <remarks>
/// Browsers and proxies record HTTP/2 requests in HAR too: pseudo-headers (<c>:authority</c>, …) are not written
/// as fields (<c>:authority</c> supplies Host), and the request is framed as HTTP/1.1. A HAR body is recorded
/// decoded, so when the headers say neither Content-Length nor Transfer-Encoding, a Content-Length is added, and
/// a chunked request gets its body as one chunk. A HAR file is one JSON document, so it is parsed whole (up to
/// <see cref="OfflineReaderOptions.MaxRecordBytes"/>).
/// </remarks>
public sealed class HarRequestReader : IOfflineRequestReader
{
    private readonly OfflineReaderOptions _options;

    public HarRequestReader(OfflineReaderOptions? options = null) => _options = options ?? new OfflineReaderOptions();

    public async Task ReadAsync(Stream stream, string file, IOfflineRequestSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        if (stream.CanSeek && stream.Length > _options.MaxRecordBytes)
        {
            sink.OnError(new OfflineInputError(file, "file", $"HAR file larger than {_options.MaxRecordBytes} bytes; not read"));
            return;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            sink.OnError(new OfflineInputError(file, $"line {(ex.LineNumber ?? 0) + 1}", $"invalid JSON: {ex.Message}"));
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("log", out var log) || log.ValueKind != JsonValueKind.Object
                || !log.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                sink.OnError(new OfflineInputError(file, "file", "not a HAR file: expected an object with log.entries[]"));
                return;
            }

            var framer = new OfflineFramer(_options);
            var wire = new WireRequestWriter();
            long ordinal = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                ordinal++;
                var location = $"entry {ordinal.ToString(CultureInfo.InvariantCulture)}";
                wire.Clear();
                DateTime? startedAt;
                try
                {
                    if (!TryBuild(entry, wire, out var error))
                    {
                        sink.OnError(new OfflineInputError(file, location, error));
                        continue;
                    }

                    startedAt = StartedAt(entry);
                }
                catch (InvalidOperationException ex)
                {
                    // A string that is not valid text is refused only when read (see JsonLinesRequestReader).
                    sink.OnError(new OfflineInputError(file, location, JsonLinesRequestReader.UnreadableString(ex)));
                    continue;
                }

                sink.BeginRecord(new OfflineRecord(file, ordinal, null, location));
                framer.FrameRecord(wire.WrittenMemory, sink, startedAt);
                sink.EndRecord();
            }
        }
    }

    internal static bool TryBuild(JsonElement entry, WireRequestWriter wire, out string error)
    {
        error = string.Empty;
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            error = "missing object 'request'";
            return false;
        }

        if (!TryString(request, "method", out var method, ref error) || !TryString(request, "url", out var url, ref error))
        {
            return false;
        }

        SplitUrl(url!, out var authority, out var target);
        var version = request.TryGetProperty("httpVersion", out var v) && v.ValueKind == JsonValueKind.String
            && string.Equals(v.GetString(), "HTTP/1.0", StringComparison.OrdinalIgnoreCase) ? "HTTP/1.0" : "HTTP/1.1";

        var fields = new List<(string Name, string Value)>();
        var hasHost = false;
        var hasLength = false;
        var chunked = false;
        if (request.TryGetProperty("headers", out var headers) && headers.ValueKind != JsonValueKind.Null)
        {
            if (headers.ValueKind != JsonValueKind.Array)
            {
                error = $"request.headers must be an array, found {JsonLinesRequestReader.Kind(headers.ValueKind)}";
                return false;
            }

            var index = 0;
            foreach (var header in headers.EnumerateArray())
            {
                if (header.ValueKind != JsonValueKind.Object
                    || !header.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String
                    || !header.TryGetProperty("value", out var val) || val.ValueKind != JsonValueKind.String)
                {
                    error = $"request.headers[{index}]: expected {{\"name\": string, \"value\": string}}";
                    return false;
                }

                index++;
                var name = n.GetString()!;
                var value = val.GetString()!;
                if (name.StartsWith(':'))
                {
                    if (name.Equals(":authority", StringComparison.OrdinalIgnoreCase) && authority is null)
                    {
                        authority = value;
                    }

                    continue;
                }

                hasHost |= name.Equals("host", StringComparison.OrdinalIgnoreCase);
                hasLength |= name.Equals("content-length", StringComparison.OrdinalIgnoreCase);
                if (name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = true;
                }

                fields.Add((name, value));
            }
        }

        if (!TryBody(request, out var body, ref error))
        {
            return false;
        }

        wire.StartLine(method!, target, version);
        if (!hasHost && !string.IsNullOrEmpty(authority))
        {
            wire.Header("Host", authority);
        }

        foreach (var (name, value) in fields)
        {
            wire.Header(name, value);
        }

        if (body.Length > 0 && !hasLength && !chunked)
        {
            wire.Header("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture));
        }

        wire.EndHead();
        if (chunked)
        {
            if (body.Length > 0)
            {
                wire.Text(body.Length.ToString("x", CultureInfo.InvariantCulture));
                wire.Bytes("\r\n"u8);
                wire.Bytes(body);
                wire.Bytes("\r\n"u8);
            }

            wire.Bytes("0\r\n\r\n"u8);
        }
        else
        {
            wire.Bytes(body);
        }

        return true;
    }

    /// <summary><c>startedDateTime</c> (ISO 8601 with offset) as UTC, so alerts carry when the request was made; null when absent or unreadable.</summary>
    internal static DateTime? StartedAt(JsonElement entry)
        => entry.TryGetProperty("startedDateTime", out var started) && started.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(started.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime
            : null;

    /// <summary>Splits an absolute URL into its authority and origin-form target (the fragment is never sent); a target without a scheme is kept.</summary>
    internal static void SplitUrl(string url, out string? authority, out string target)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0 || url.AsSpan(0, scheme).ContainsAny("/?#"))
        {
            authority = null;
            target = url.Length == 0 ? "/" : url;
            return;
        }

        var rest = url.AsSpan(scheme + 3);
        var end = rest.IndexOfAny("/?#");
        var authorityText = end < 0 ? rest : rest[..end];
        var at = authorityText.LastIndexOf('@');
        authority = (at >= 0 ? authorityText[(at + 1)..] : authorityText).ToString();
        var path = end < 0 ? string.Empty : rest[end..].ToString();
        var hash = path.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            path = path[..hash];
        }

        target = path.Length == 0 ? "/" : path[0] == '?' ? "/" + path : path;
    }

    private static bool TryBody(JsonElement request, out byte[] body, ref string error)
    {
        body = [];
        if (!request.TryGetProperty("postData", out var postData) || postData.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (postData.ValueKind != JsonValueKind.Object)
        {
            error = $"request.postData must be an object, found {JsonLinesRequestReader.Kind(postData.ValueKind)}";
            return false;
        }

        if (postData.TryGetProperty("text", out var text) && text.ValueKind != JsonValueKind.Null)
        {
            if (text.ValueKind != JsonValueKind.String)
            {
                error = "request.postData.text must be a string";
                return false;
            }

            var isBase64 = postData.TryGetProperty("encoding", out var encoding) && encoding.ValueKind == JsonValueKind.String
                && string.Equals(encoding.GetString(), "base64", StringComparison.OrdinalIgnoreCase);
            if (isBase64)
            {
                if (!text.TryGetBytesFromBase64(out var decoded))
                {
                    error = "request.postData.text is not valid base64 although postData.encoding is base64";
                    return false;
                }

                body = decoded;
                return true;
            }

            body = Encoding.UTF8.GetBytes(text.GetString()!);
            return true;
        }

        if (postData.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            var form = new StringBuilder();
            foreach (var parameter in parameters.EnumerateArray())
            {
                if (parameter.ValueKind != JsonValueKind.Object || !parameter.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    error = "request.postData.params[]: each needs a string 'name'";
                    return false;
                }

                if (form.Length > 0)
                {
                    form.Append('&');
                }

                form.Append(name.GetString());
                if (parameter.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    form.Append('=').Append(value.GetString());
                }
            }

            body = Encoding.UTF8.GetBytes(form.ToString());
        }

        return true;
    }

    private static bool TryString(JsonElement element, string name, out string? value, ref string error)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            error = $"missing field 'request.{name}'";
            return false;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            error = $"field 'request.{name}' must be a string, found {JsonLinesRequestReader.Kind(property.ValueKind)}";
            return false;
        }

        value = property.GetString();
        return true;
    }
}
