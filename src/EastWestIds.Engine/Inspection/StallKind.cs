namespace EastWestIds.Engine.Inspection;

/// <summary>Which part of a request stopped arriving before the connection was timed out.</summary>
public enum StallKind : byte
{
    Head,
    Body,
}
