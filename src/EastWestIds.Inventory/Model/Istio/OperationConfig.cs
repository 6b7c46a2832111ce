using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>A rule's <c>operation</c>: what is being called. Absent lists are empty.</summary>
public sealed record OperationConfig
{
    /// <summary><c>hosts</c>.</summary>
    public ImmutableArray<string> Hosts { get; init; } = [];

    /// <summary><c>notHosts</c>.</summary>
    public ImmutableArray<string> NotHosts { get; init; } = [];

    /// <summary><c>ports</c> (strings in the CRD).</summary>
    public ImmutableArray<string> Ports { get; init; } = [];

    /// <summary><c>notPorts</c>.</summary>
    public ImmutableArray<string> NotPorts { get; init; } = [];

    /// <summary><c>methods</c>.</summary>
    public ImmutableArray<string> Methods { get; init; } = [];

    /// <summary><c>notMethods</c>.</summary>
    public ImmutableArray<string> NotMethods { get; init; } = [];

    /// <summary><c>paths</c>.</summary>
    public ImmutableArray<string> Paths { get; init; } = [];

    /// <summary><c>notPaths</c>.</summary>
    public ImmutableArray<string> NotPaths { get; init; } = [];
}
