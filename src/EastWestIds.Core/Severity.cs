namespace EastWestIds.Core;

/// <summary>Alert severity with Suricata's numbering: 1 is the most severe.</summary>
public enum Severity : byte
{
    High = 1,
    Medium = 2,
    Low = 3,
    Info = 4,
}
