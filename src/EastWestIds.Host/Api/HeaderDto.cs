namespace EastWestIds.Host.Api;

/// <summary>One request header as received (value redacted unless <c>--no-redact</c>); attacker-controlled text.</summary>
public sealed record HeaderDto(string Name, string Value);
