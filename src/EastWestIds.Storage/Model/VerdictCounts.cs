namespace EastWestIds.Storage.Model;

/// <summary>Calls per verdict on one edge.</summary>
public readonly record struct VerdictCounts(long None, long Allowed, long Denied, long WouldDeny, long ExtAuthz, long Unprotected)
{
    public long Total => None + Allowed + Denied + WouldDeny + ExtAuthz + Unprotected;

    /// <summary>Counts with one call of <paramref name="verdict"/>, times <paramref name="count"/>.</summary>
    public static VerdictCounts Of(AlertVerdict verdict, long count = 1) => verdict switch
    {
        AlertVerdict.Allowed => new(0, count, 0, 0, 0, 0),
        AlertVerdict.Denied => new(0, 0, count, 0, 0, 0),
        AlertVerdict.WouldDeny => new(0, 0, 0, count, 0, 0),
        AlertVerdict.ExtAuthz => new(0, 0, 0, 0, count, 0),
        AlertVerdict.Unprotected => new(0, 0, 0, 0, 0, count),
        _ => new(count, 0, 0, 0, 0, 0),
    };

    public static VerdictCounts operator +(VerdictCounts a, VerdictCounts b)
        => new(a.None + b.None, a.Allowed + b.Allowed, a.Denied + b.Denied, a.WouldDeny + b.WouldDeny, a.ExtAuthz + b.ExtAuthz, a.Unprotected + b.Unprotected);
}
