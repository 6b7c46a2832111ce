namespace EastWestIds.Engine.Telemetry;

/// <summary>A timed stage of the inspection pipeline: the <c>stage</c> label of the duration histogram.</summary>
public enum InspectionStage : byte
{
    Identity,
    Signatures,
    Output,
    Total,
}
