namespace EastWestIds.Storage.Model;

/// <summary>What it takes to create a suppression by hand.</summary>
public sealed record SuppressionRequest(int Sid, string Caller, string Callee, string Actor, string? Comment = null, long? FromAlertId = null);
