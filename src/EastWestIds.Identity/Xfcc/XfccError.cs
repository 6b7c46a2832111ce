namespace EastWestIds.Identity.Xfcc;

/// <summary>Why an x-forwarded-client-cert header could not be read. A closed set.</summary>
public enum XfccError : byte
{
    None = 0,
    Empty,
    UnbalancedQuotes,
    MissingEquals,
    EmptyKey,
    UnknownKey,
    EmptyElement,
}
