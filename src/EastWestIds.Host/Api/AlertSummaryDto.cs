namespace EastWestIds.Host.Api;

/// <summary>
/// One row of the alert queue. <see cref="Callee"/> is the host as the caller used it; <see cref="CalleeName"/> and
/// <see cref="CalleeNamespace"/> the Service it names (what the <c>callee</c> filter matches).
/// </summary>
public sealed record AlertSummaryDto(
    long Id,
    DateTimeOffset Timestamp,
    int Sid,
    int Rev,
    string Message,
    string Category,
    string Severity,
    string Family,
    string Caller,
    string Callee,
    string Verdict,
    string Method,
    string Host,
    string Path,
    string State,
    bool Redacted,
    string Outcome, // what the inline proxy did (ModelText): none for a mirror's alerts
    string CalleeName,
    string CalleeNamespace);
