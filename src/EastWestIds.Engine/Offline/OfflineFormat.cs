namespace EastWestIds.Engine.Offline;

/// <summary>The recorded-request formats <c>ewids scan</c> reads.</summary>
public enum OfflineFormat
{
    /// <summary>JSON Lines, one request per line, as in the shared corpus README.</summary>
    JsonLines,

    /// <summary>Raw HTTP/1.1: requests back to back, exactly as on the wire.</summary>
    Raw,

    /// <summary>HTTP Archive (HAR 1.2): <c>log.entries[].request</c>.</summary>
    Har,
}

/// <summary>Chooses a format from a file name or a <c>--format</c> value.</summary>
public static class OfflineFormats
{
    /// <summary><c>.jsonl</c>/<c>.ndjson</c> are JSON Lines, <c>.har</c> is HAR, anything else is raw HTTP/1.1.</summary>
    public static OfflineFormat FromPath(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return OfflineFormat.JsonLines;
        }

        return extension.Equals(".har", StringComparison.OrdinalIgnoreCase) ? OfflineFormat.Har : OfflineFormat.Raw;
    }

    /// <summary>Parses <c>jsonl</c>, <c>ndjson</c>, <c>raw</c> or <c>har</c> (case-insensitive).</summary>
    public static bool TryParse(string? text, out OfflineFormat format)
    {
        switch (text?.ToLowerInvariant())
        {
            case "jsonl" or "ndjson":
                format = OfflineFormat.JsonLines;
                return true;
            case "raw" or "http":
                format = OfflineFormat.Raw;
                return true;
            case "har":
                format = OfflineFormat.Har;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The reader for <paramref name="format"/>.</summary>
    public static IOfflineRequestReader CreateReader(OfflineFormat format, OfflineReaderOptions options) => format switch
    {
        OfflineFormat.JsonLines => new JsonLinesRequestReader(options),
        OfflineFormat.Har => new HarRequestReader(options),
        _ => new RawHttpRequestReader(options),
    };
}
