namespace EastWestIds.Storage;

/// <summary>The database refused the data itself (a constraint or value error): retrying the same rows cannot help.</summary>
public sealed class StoreDataException(string message, Exception? inner = null) : Exception(message, inner);
