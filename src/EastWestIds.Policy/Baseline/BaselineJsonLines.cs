using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EastWestIds.Policy.Baseline;

/// <summary>One line of a baseline file: the edge and, when known, when it was first and last seen.</summary>
public sealed record BaselineLine(LearnedEdge Edge, DateTimeOffset? FirstSeen = null, DateTimeOffset? LastSeen = null);

/// <summary>
/// The baseline as JSON Lines (README "Learned baseline"), the format of <c>ewids policy baseline export</c> and the
/// input of <c>ewids policy suggest --baseline</c>. One edge per line:
/// <code>{"caller":"spiffe://cluster.local/ns/bookinfo/sa/productpage","callee":"reviews.bookinfo","method":"GET","path":"/reviews/{*}","count":12,"first_seen":"2026-11-29T03:00:00.0000000Z","last_seen":"2026-11-29T03:10:00.0000000Z"}</code>
/// <c>count</c>, <c>first_seen</c> and <c>last_seen</c> are optional; the same edge on several lines adds up.
/// </summary>
public static class BaselineJsonLines
{
    /// <summary>Writes one line per edge.</summary>
    public static void Write(TextWriter writer, IEnumerable<BaselineLine> lines)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lines);
        using var buffer = new MemoryStream();
        foreach (var line in lines)
        {
            buffer.SetLength(0);
            // Relaxed escaping: the file is data, never HTML; '+' and '&' in times, principals and paths stay readable.
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("caller", line.Edge.Caller);
                json.WriteString("callee", line.Edge.Callee);
                json.WriteString("method", line.Edge.Method);
                json.WriteString("path", line.Edge.PathTemplate);
                json.WriteNumber("count", line.Edge.Count);
                if (line.FirstSeen is { } first)
                {
                    json.WriteString("first_seen", first.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                }

                if (line.LastSeen is { } last)
                {
                    json.WriteString("last_seen", last.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            writer.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    /// <summary>Reads a baseline file; every bad line is an error naming the file and line, and is skipped.</summary>
    public static List<BaselineLine> Read(TextReader reader, string file, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        var lines = new List<BaselineLine>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (TryParse(document.RootElement, out var line, out var error))
                {
                    lines.Add(line);
                }
                else
                {
                    errors.Add($"{file}: line {number}: {error}");
                }
            }
            catch (JsonException ex)
            {
                errors.Add($"{file}: line {number}: invalid JSON: {ex.Message}");
            }
        }

        return lines;
    }

    private static bool TryParse(JsonElement root, out BaselineLine line, out string error)
    {
        line = null!;
        error = string.Empty;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "expected a JSON object";
            return false;
        }

        string? Text(string name)
        {
            return root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }

        var caller = Text("caller");
        var callee = Text("callee");
        var method = Text("method");
        var path = Text("path");
        if (caller is null || callee is null || method is null || path is null)
        {
            error = "needs the strings 'caller', 'callee', 'method' and 'path'";
            return false;
        }

        long count = 1;
        if (root.TryGetProperty("count", out var c) && (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out count) || count < 0))
        {
            error = "'count' must be a whole number, 0 or more";
            return false;
        }

        DateTimeOffset? first = null, last = null;
        if (!TryTime(root, "first_seen", ref first, ref error) || !TryTime(root, "last_seen", ref last, ref error))
        {
            return false;
        }

        var edge = new LearnedEdge(caller, callee, method, path, count);
        if (EdgeKey.From(edge) is null)
        {
            error = "an empty or over-long field, a line break in a field, or a path not starting with '/'";
            return false;
        }

        line = new BaselineLine(edge, first, last);
        return true;
    }

    private static bool TryTime(JsonElement root, string name, ref DateTimeOffset? value, ref string error)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = $"'{name}' must be an ISO 8601 time";
        return false;
    }
}
