using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace EastWestIds.Engine.Offline;

/// <summary>
/// JSON Lines as in the shared corpus README: one object per line with <c>method</c>, <c>uri</c> (or <c>path</c>),
/// optional <c>http_version</c> (default <c>HTTP/1.1</c>), <c>headers</c> as <c>[[name, value], …]</c> in wire
/// order (an object of name → value is accepted too), <c>body</c> (UTF-8 text, or base64 when
/// <c>body_base64</c> is true), optional <c>id</c>; or <c>raw_b64</c>, the exact bytes, which then win.
/// </summary>
/// <remarks>
/// Each record is turned back into the bytes a replay client sends (README "Wire format": nothing added, nothing
/// normalised) and framed by the same parser as the mirror port, one connection per record, so a malformed
/// request in the corpus is rejected and alerted exactly as it would be live. Lines are read through a
/// <see cref="PipeReader"/>, so a large file is never held whole. Blank lines are skipped.
/// </remarks>
public sealed class JsonLinesRequestReader : IOfflineRequestReader
{
    private readonly OfflineReaderOptions _options;

    public JsonLinesRequestReader(OfflineReaderOptions? options = null) => _options = options ?? new OfflineReaderOptions();

    public async Task ReadAsync(Stream stream, string file, IOfflineRequestSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        var pipe = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        var state = new State(file, sink, new OfflineFramer(_options), new WireRequestWriter());
        var skipping = false;
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (skipping)
                    {
                        skipping = false; // the end of an over-long line already reported
                        continue;
                    }

                    state.Line++;
                    Process(line, state);
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty && !skipping)
                    {
                        state.Line++;
                        Process(buffer, state);
                    }

                    pipe.AdvanceTo(buffer.End);
                    return;
                }

                if (buffer.Length > _options.MaxRecordBytes)
                {
                    if (!skipping)
                    {
                        state.Line++;
                        state.Ordinal++;
                        sink.OnError(new OfflineInputError(file, $"line {state.Line}", $"line longer than {_options.MaxRecordBytes} bytes; skipped"));
                        skipping = true;
                    }

                    pipe.AdvanceTo(buffer.End);
                    continue;
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, newline.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    /// <summary>
    /// The input error for a record with a string that System.Text.Json parsed but cannot read: bytes that are not
    /// UTF-8, or a <c>\u</c> escape of a lone surrogate (RFC 8259 §8.1, §8.2). The readers check a value's kind
    /// before reading it, so that is the only <see cref="InvalidOperationException"/> they expect from a value.
    /// </summary>
    internal static string UnreadableString(InvalidOperationException ex) => $"a string is not valid Unicode text: {ex.Message}";

    private static void Process(ReadOnlySequence<byte> line, State state)
    {
        ReadOnlyMemory<byte> bytes = line.IsSingleSegment ? line.First : line.ToArray();
        if (state.Line == 1 && bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..]; // a UTF-8 byte order mark, as some editors write
        }

        if (bytes.Span.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            return;
        }

        state.Ordinal++;
        var location = $"line {state.Line.ToString(CultureInfo.InvariantCulture)}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            state.Sink.OnError(new OfflineInputError(state.File, location, $"invalid JSON: {ex.Message}"));
            return;
        }

        using (document)
        {
            var wire = state.Wire;
            wire.Clear();
            string? id;
            string error;
            try
            {
                if (!TryBuild(document.RootElement, wire, out id, out error))
                {
                    state.Sink.OnError(new OfflineInputError(state.File, location, error));
                    return;
                }
            }
            catch (InvalidOperationException ex)
            {
                // System.Text.Json parses a string of bytes that are not UTF-8, or with a \u escape of a lone
                // surrogate, and refuses it only when it is read: without this, one such line ended the whole scan
                // with a stack trace (found by fuzzing).
                state.Sink.OnError(new OfflineInputError(state.File, location, UnreadableString(ex)));
                return;
            }

            state.Sink.BeginRecord(new OfflineRecord(state.File, state.Ordinal, id, location));
            state.Framer.FrameRecord(wire.WrittenMemory, state.Sink);
            state.Sink.EndRecord();
        }
    }

    internal static bool TryBuild(JsonElement root, WireRequestWriter wire, out string? id, out string error)
    {
        id = null;
        error = string.Empty;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, found {Kind(root.ValueKind)}";
            return false;
        }

        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                error = $"field 'id' must be a string or a number, found {Kind(idElement.ValueKind)}";
                return false;
            }

            id = idElement.ValueKind == JsonValueKind.Null ? null : idElement.GetRawText();
        }

        if (root.TryGetProperty("raw_b64", out var raw) && raw.ValueKind != JsonValueKind.Null)
        {
            if (raw.ValueKind != JsonValueKind.String || !raw.TryGetBytesFromBase64(out var rawBytes))
            {
                error = "field 'raw_b64' must be a base64 string";
                return false;
            }

            wire.Bytes(rawBytes);
            return true;
        }

        if (!TryString(root, "method", required: true, out var method, ref error))
        {
            return false;
        }

        var uriName = root.TryGetProperty("uri", out _) ? "uri" : "path";
        if (!TryString(root, uriName, required: true, out var uri, ref error))
        {
            if (uriName == "path")
            {
                error = "missing field 'uri' (or 'path')";
            }

            return false;
        }

        if (!TryString(root, "http_version", required: false, out var version, ref error))
        {
            return false;
        }

        wire.StartLine(method!, uri!, version ?? "HTTP/1.1");
        if (root.TryGetProperty("headers", out var headers) && !TryHeaders(headers, wire, ref error))
        {
            return false;
        }

        wire.EndHead();
        if (!TryString(root, "body", required: false, out var body, ref error))
        {
            return false;
        }

        var base64 = false;
        if (root.TryGetProperty("body_base64", out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                error = $"field 'body_base64' must be true or false, found {Kind(flag.ValueKind)}";
                return false;
            }

            base64 = flag.ValueKind == JsonValueKind.True;
        }

        if (!string.IsNullOrEmpty(body))
        {
            if (base64)
            {
                byte[] decoded;
                try
                {
                    decoded = Convert.FromBase64String(body);
                }
                catch (FormatException)
                {
                    error = "field 'body' is not valid base64 although 'body_base64' is true";
                    return false;
                }

                wire.Bytes(decoded);
            }
            else
            {
                wire.Text(body);
            }
        }

        return true;
    }

    private static bool TryHeaders(JsonElement headers, WireRequestWriter wire, ref string error)
    {
        switch (headers.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Object:
                foreach (var property in headers.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        error = $"header '{property.Name}': value must be a string, found {Kind(property.Value.ValueKind)}";
                        return false;
                    }

                    wire.Header(property.Name, property.Value.GetString()!);
                }

                return true;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var pair in headers.EnumerateArray())
                {
                    if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                        || pair[0].ValueKind != JsonValueKind.String || pair[1].ValueKind != JsonValueKind.String)
                    {
                        error = $"headers[{index}]: expected [name, value] with two strings";
                        return false;
                    }

                    wire.Header(pair[0].GetString()!, pair[1].GetString()!);
                    index++;
                }

                return true;
            default:
                error = $"field 'headers' must be an array of [name, value] pairs, found {Kind(headers.ValueKind)}";
                return false;
        }
    }

    private static bool TryString(JsonElement root, string name, bool required, out string? value, ref string error)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                error = $"missing field '{name}'";
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"field '{name}' must be a string, found {Kind(element.ValueKind)}";
            return false;
        }

        value = element.GetString();
        return true;
    }

    internal static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private sealed class State(string file, IOfflineRequestSink sink, OfflineFramer framer, WireRequestWriter wire)
    {
        public string File { get; } = file;
        public IOfflineRequestSink Sink { get; } = sink;
        public OfflineFramer Framer { get; } = framer;
        public WireRequestWriter Wire { get; } = wire;
        public long Line { get; set; }
        public long Ordinal { get; set; }
    }
}
