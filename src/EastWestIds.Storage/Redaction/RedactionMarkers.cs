namespace EastWestIds.Storage.Redaction;

/// <summary>
/// What replaces a secret. Visible markers rather than blanks, so an analyst sees that something was there and
/// what kind of thing it was (the header, parameter or cookie name is always kept).
/// </summary>
public static class RedactionMarkers
{
    public const string Value = "[redacted]";
    public const string JwtPayload = "[redacted:jwt-payload]";
    public const string JwtSignature = "[redacted:jwt-signature]";
}
