using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>What a planned change does to the cluster.</summary>
public enum ChangeKind
{
    /// <summary>POST a new VirtualService.</summary>
    Create,

    /// <summary>PUT the edited VirtualService with the resourceVersion it was read at.</summary>
    Replace,

    /// <summary>DELETE the VirtualService, on condition that its resourceVersion is still the one read.</summary>
    Delete,
}

/// <summary>One write, with the whole object as it will be (or, for a delete, as it was read).</summary>
public sealed record PlannedChange(ChangeKind Kind, JsonObject Object, string Description)
{
    /// <summary>Namespace of the object.</summary>
    public string Namespace => KubeJson.Namespace(Object);

    /// <summary>Name of the object.</summary>
    public string Name => KubeJson.Name(Object);

    /// <summary>The resourceVersion the object was read at (null for a create).</summary>
    public string? ResourceVersion => KubeJson.ResourceVersion(Object);
}

/// <summary>The outcome of planning: the writes, or the reason there are none.</summary>
public sealed class MirrorPlan
{
    /// <summary>Writes to make, in order.</summary>
    public List<PlannedChange> Changes { get; } = [];

    /// <summary>What was found or left alone (to stderr).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Things that will make the mirror useless or weaker although it is written (to stderr).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Why nothing may be written; when set, <see cref="Changes"/> is empty.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Refuses the whole operation: no partial mirrors.</summary>
    public MirrorPlan Refuse(string reason)
    {
        Refusal ??= reason;
        Changes.Clear();
        return this;
    }
}
