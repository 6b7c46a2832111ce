namespace EastWestIds.Storage.Model;

/// <summary>
/// What became of the request an alert belongs to, when something in its path could act on it (the inline proxy,
/// <c>ewids proxy</c>). A mirror only observes: its alerts are <see cref="None"/>. Stored as text
/// (<see cref="ModelText"/>), the same words as the EVE line's <c>mesh.outcome</c>.
/// </summary>
public enum AlertOutcome : byte
{
    /// <summary>Observed only (mirror, offline scan): nothing acted on the request.</summary>
    None,

    /// <summary>The proxy forwarded the request: no finding of it blocks.</summary>
    Allowed,

    /// <summary>Enforce mode: the proxy answered 403; the request never reached the service.</summary>
    Blocked,

    /// <summary>Monitor mode: forwarded, though enforce mode would have blocked it.</summary>
    WouldBlock,

    /// <summary>The verdict came too late (timeout) and the request had been forwarded uninspected (fail-open).</summary>
    FailedOpen,

    /// <summary>The verdict came too late (timeout) and the request had been refused with 503 (fail-closed).</summary>
    FailedClosed,
}
