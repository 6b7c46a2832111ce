namespace EastWestIds.Storage.Model;

/// <summary>
/// The request behind an alert, as text for an analyst: request line, method, host, path (with query),
/// headers in order, and the start of the body. All of it is attacker-controlled; whoever renders it escapes it.
/// </summary>
public sealed record RequestInfo(
    string RequestLine,
    string Method,
    string Host,
    string Path,
    IReadOnlyList<HeaderField> Headers,
    string? BodyExcerpt)
{
    public static readonly RequestInfo Empty = new("", "", "", "", [], null);
}
