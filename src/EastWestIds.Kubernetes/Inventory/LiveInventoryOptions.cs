namespace EastWestIds.Kubernetes.Inventory;

/// <summary>How <see cref="LiveInventory"/> watches the cluster.</summary>
public sealed record LiveInventoryOptions
{
    /// <summary>Watch only this namespace (and that one Namespace object); null watches the whole cluster.</summary>
    public string? Namespace { get; init; }

    /// <summary>How long changes gather before one rebuild, so a burst of events costs one snapshot.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A watch with neither an event nor a bookmark for this long is taken as dead and reconnected.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The first reconnect delay; it doubles per failure in a row up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
