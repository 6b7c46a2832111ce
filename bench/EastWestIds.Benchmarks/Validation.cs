namespace EastWestIds.Benchmarks;

/// <summary>Runs every benchmark once in-process (dry job) so CI catches a broken benchmark. PLACEHOLDER.</summary>
internal static class Validation
{
    public static int Run() => 0;
}
