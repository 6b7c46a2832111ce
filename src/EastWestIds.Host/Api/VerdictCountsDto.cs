namespace EastWestIds.Host.Api;

/// <summary>Calls on an edge per policy verdict (none when no policy stage ran).</summary>
public sealed record VerdictCountsDto(long None, long Allowed, long Denied, long WouldDeny, long ExtAuthz, long Unprotected, long Total);
