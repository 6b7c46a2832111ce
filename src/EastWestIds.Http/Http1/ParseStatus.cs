namespace EastWestIds.Http.Http1;

/// <summary>The outcome of one call to <see cref="Http1RequestParser.Parse{THandler}"/>.</summary>
public enum ParseStatus
{
    /// <summary>More bytes are needed. Nothing of an unfinished head was consumed; body bytes already handed to the handler were.</summary>
    Incomplete,

    /// <summary>One whole request (head and body) was framed and consumed. The parser is ready for the next one.</summary>
    Complete,

    /// <summary>The input is not acceptable HTTP/1.1; see <see cref="Http1RequestParser.RejectionReason"/>. The connection must be closed.</summary>
    Rejected,
}
