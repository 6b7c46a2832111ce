using EastWestIds.Storage.Model;

namespace EastWestIds.Storage;

/// <summary>What the writer hands the store in one transaction.</summary>
public sealed class StoreBatch
{
    public List<AlertRecord> Alerts { get; } = [];

    public List<FlowEdgeDelta> Edges { get; } = [];

    public List<BaselineDelta> Baseline { get; } = [];

    public List<SuppressionHits> SuppressionHits { get; } = [];

    public bool IsEmpty => Alerts.Count == 0 && Edges.Count == 0 && Baseline.Count == 0 && SuppressionHits.Count == 0;

    public void Clear()
    {
        Alerts.Clear();
        Edges.Clear();
        Baseline.Clear();
        SuppressionHits.Clear();
    }
}
