namespace EastWestIds.Storage.Model;

/// <summary>One request header as received (name as sent, value possibly redacted), in request order.</summary>
public sealed record HeaderField(string Name, string Value);
