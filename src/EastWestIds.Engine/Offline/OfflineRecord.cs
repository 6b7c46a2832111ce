namespace EastWestIds.Engine.Offline;

/// <summary>One input record (a JSON line, a HAR entry, one request of a raw stream).</summary>
/// <param name="File">The file it came from, as the user named it.</param>
/// <param name="Ordinal">Its 1-based position among the file's records.</param>
/// <param name="IdJson">The record's own id as a JSON literal (string or number), or null when it has none.</param>
/// <param name="Location">Where it starts, for messages: <c>line 12</c>, <c>entry 3</c>, <c>offset 4096</c>.</param>
public readonly record struct OfflineRecord(string File, long Ordinal, string? IdJson, string Location);

/// <summary>A record that could not be read: named by file and line, entry or offset, counted, and skipped.</summary>
public sealed record OfflineInputError(string File, string Location, string Message)
{
    public override string ToString() => $"{File}: {Location}: {Message}";
}
