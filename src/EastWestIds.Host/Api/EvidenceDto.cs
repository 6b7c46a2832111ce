namespace EastWestIds.Host.Api;

/// <summary>Where the rule matched: <c>excerpt.substring(offset, offset + length)</c> is the matched span (UTF-16 units).</summary>
public sealed record EvidenceDto(string Buffer, string Excerpt, int Offset, int Length);
