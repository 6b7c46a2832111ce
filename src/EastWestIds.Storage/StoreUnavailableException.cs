namespace EastWestIds.Storage;

/// <summary>The database could not be reached or is locked; the operation may succeed later.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
