namespace EastWestIds.Host.Api;

/// <summary>Every error: RFC 9457-shaped (<c>status</c>, <c>title</c>, <c>detail</c>), served as application/problem+json.</summary>
public sealed record ProblemDto(int Status, string Title, string? Detail);
