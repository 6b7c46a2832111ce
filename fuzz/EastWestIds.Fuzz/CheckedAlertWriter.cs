using System.Text.Json;
using EastWestIds.Engine.Alerts;

namespace EastWestIds.Fuzz;

/// <summary>
/// The EVE output, checked line by line: every alert and http record must be one complete JSON object on one line,
/// whatever bytes the request carried (evidence is attacker-chosen text, and a SIEM drops or misreads a broken line).
/// </summary>
internal sealed class CheckedAlertWriter : IAlertWriter
{
    public int Lines { get; private set; }

    public void Write(ReadOnlySpan<byte> line)
    {
        Lines++;
        if (line.Length == 0 || line[^1] != (byte)'\n' || line[..^1].IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            throw new FuzzInvariantException("an EVE line is not exactly one line ending in \\n");
        }

        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            throw new FuzzInvariantException("an EVE line is not valid UTF-8");
        }

        var reader = new Utf8JsonReader(line[..^1], new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.TrySkip() || reader.Read())
            {
                throw new FuzzInvariantException("an EVE line is not one JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new FuzzInvariantException($"an EVE line is not valid JSON: {e.Message}");
        }
    }

    public void Flush()
    {
    }
}
