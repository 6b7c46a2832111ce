namespace EastWestIds.Engine.Telemetry;

/// <summary>Why a mirror connection ended. A closed set: the <c>reason</c> label of the connection counter.</summary>
public enum ConnectionEndReason : byte
{
    /// <summary>The peer closed between requests.</summary>
    ClientClosed,

    /// <summary>The peer closed in the middle of a request (head or body): the request is lost and counted.</summary>
    TruncatedRequest,

    /// <summary>A request asked to close (<c>Connection: close</c>, HTTP/1.0).</summary>
    RequestedClose,

    /// <summary>We rejected a request (400/431/505) and closed.</summary>
    Rejected,

    /// <summary>A request head did not arrive within the header timeout.</summary>
    HeaderTimeout,

    /// <summary>A body stopped arriving within the idle timeout.</summary>
    BodyTimeout,

    /// <summary>No request started within the idle timeout.</summary>
    IdleTimeout,

    /// <summary>The transport failed (reset, I/O error).</summary>
    TransportError,

    /// <summary>The server was stopping.</summary>
    ServerShutdown,

    /// <summary>A fault of the sink itself (logged as an error).</summary>
    InternalError,
}
