namespace EastWestIds.TestCommon;

/// <summary>
/// What a batch of calls allocates on the current thread once the code has settled, for tests that assert a hot path
/// allocates nothing.
/// </summary>
/// <remarks>
/// One before/after reading of <see cref="GC.GetAllocatedBytesForCurrentThread"/> flakes on a loaded machine: when the
/// runtime promotes a method to tier 1 or enters on-stack replacement during the measured batch, its bookkeeping can be
/// charged to the measuring thread (dotnet/BenchmarkDotNet#1542, dotnet/runtime#63487). A real per-call allocation
/// shows in every batch, so the least of a few batches keeps an exact zero assertion honest.
/// </remarks>
public static class SteadyAllocation
{
    /// <summary>
    /// Runs <paramref name="batch"/> once to warm up, then up to <paramref name="batches"/> more times, and returns the
    /// fewest bytes one run allocated (stops early at zero). Create the delegate before calling: a lambda capturing
    /// locals allocates its closure where it is written, not here.
    /// </summary>
    public static long LeastBytes(Action batch, int batches = 5)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return LeastBytes(batch, static run => run(), batches);
    }

    /// <summary>
    /// <see cref="LeastBytes(Action, int)"/> for a batch over <paramref name="state"/>, which may be a ref struct (a
    /// request view over spans) that a lambda could not capture.
    /// </summary>
    public static long LeastBytes<TState>(TState state, Action<TState> batch, int batches = 5)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        batch(state);
        long least = long.MaxValue;
        for (int i = 0; i < batches && least > 0; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            batch(state);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
