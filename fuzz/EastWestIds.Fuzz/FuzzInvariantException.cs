namespace EastWestIds.Fuzz;

/// <summary>A property a target checks did not hold: no exception escaped, but the part answered wrongly.</summary>
internal sealed class FuzzInvariantException(string message) : Exception(message);
