using EastWestIds.Http.Http1;

namespace EastWestIds.Http.Tests.Support;

/// <summary>The outcome of feeding bytes to a parser the way the connection handler does.</summary>
/// <param name="Completed">How many calls returned <see cref="ParseStatus.Complete"/>.</param>
/// <param name="Last">The status of the last call (Incomplete or Rejected).</param>
/// <param name="Consumed">Bytes consumed in total.</param>
/// <param name="Reason">The parser's rejection reason at the end.</param>
public readonly record struct ParseRun(int Completed, ParseStatus Last, long Consumed, RequestRejectionReason Reason);
