namespace EastWestIds.Storage.Model;

/// <summary>Calls of one shape observed since the last flush; added to the stored <see cref="BaselineEntry"/>.</summary>
public sealed record BaselineDelta(string Caller, string Callee, string Method, string PathTemplate, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
