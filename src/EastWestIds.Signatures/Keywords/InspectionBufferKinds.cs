namespace EastWestIds.Signatures.Keywords;

/// <summary>How many <see cref="InspectionBuffer"/> values there are, for tables indexed by buffer.</summary>
internal static class InspectionBufferKinds
{
    /// <summary>
    /// One past the last buffer: a new buffer goes at the end of the enum (a test checks that this still counts them all).
    /// At most 64: <c>RequestBuffers</c> keeps one bit per buffer in a <see cref="ulong"/> (a test checks that too).
    /// </summary>
    public const int Count = (int)InspectionBuffer.JwtPayload + 1;
}
