namespace EastWestIds.Identity.Xfcc;

/// <summary>Thrown by <see cref="XfccParser.Parse(string)"/> for a header the strict grammar rejects.</summary>
public sealed class XfccFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    /// <param name="error">Why the header was rejected.</param>
    public XfccFormatException(XfccError error)
        : base($"Malformed x-forwarded-client-cert header: {error}.")
    {
        Error = error;
    }

    /// <summary>Why the header was rejected.</summary>
    public XfccError Error { get; }
}
