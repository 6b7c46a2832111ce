namespace EastWestIds.Host.Api;

/// <summary>The request behind an alert: request line, method, Host, path with query, headers in order, the start of the body.</summary>
public sealed record RequestDto(string RequestLine, string Method, string Host, string Path, IReadOnlyList<HeaderDto> Headers, string? BodyExcerpt);
