namespace EastWestIds.Host.Storage;

/// <summary>
/// Lets the admin app's services reach the store, which is created after the app is built (it logs through the
/// app's logging). Registered as an instance, so the container never disposes the store: the host does, in order.
/// </summary>
internal sealed class StoreAccessor
{
    /// <summary>The running store, or null when the host runs without one (<c>--store none</c>).</summary>
    public StoreRuntime? Runtime { get; set; }
}
