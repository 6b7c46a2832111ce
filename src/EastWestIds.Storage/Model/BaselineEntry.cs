namespace EastWestIds.Storage.Model;

/// <summary>
/// One learned call shape: this caller called this callee with this method on this path template
/// (<c>/reviews/{id}</c>), <see cref="Count"/> times between first and last seen.
/// </summary>
public sealed record BaselineEntry(
    string Caller,
    string Callee,
    string Method,
    string PathTemplate,
    long Count,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
