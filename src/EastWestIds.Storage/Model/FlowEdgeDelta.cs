namespace EastWestIds.Storage.Model;

/// <summary>
/// Calls observed on one edge since the last flush (the host aggregates per edge in memory and hands the store a
/// delta now and then, never one write per request). The writer adds deltas of the same edge before writing.
/// </summary>
public sealed record FlowEdgeDelta(string Caller, string Callee, VerdictCounts Counts, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
