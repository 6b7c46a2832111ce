namespace EastWestIds.Inventory.Model;

/// <summary>
/// A Service port's <c>targetPort</c>: a number, or the name of a container port that each backing pod resolves
/// for itself (so two workloads behind one Service may listen on different numbers).
/// </summary>
/// <param name="Number">The port number, or 0 when <see cref="Name"/> is set.</param>
/// <param name="Name">The container port name, or null when <see cref="Number"/> is set.</param>
public readonly record struct TargetPort(int Number, string? Name)
{
    /// <summary>True when the target is a container port name.</summary>
    public bool IsNamed => Name is not null;

    /// <summary>A numeric target.</summary>
    public static TargetPort FromNumber(int number) => new(number, null);

    /// <summary>A named target.</summary>
    public static TargetPort FromName(string name) => new(0, name);

    /// <inheritdoc />
    public override string ToString() => Name ?? Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
