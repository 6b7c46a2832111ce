using System.Runtime.InteropServices;

/// <summary>
/// Opens and closes callgrind's counting window through valgrind's client requests (libcgctl.so, built by cg.sh from
/// cgctl.c), so start-up, rule compilation and warm-up are not counted. Outside valgrind the requests are no-ops.
/// </summary>
static partial class Callgrind
{
    [LibraryImport("libcgctl.so", EntryPoint = "cg_start")] private static partial void CgStart();
    [LibraryImport("libcgctl.so", EntryPoint = "cg_stop")] private static partial void CgStop();
    [LibraryImport("libcgctl.so", EntryPoint = "cg_resume")] private static partial void CgResume();
    [LibraryImport("libcgctl.so", EntryPoint = "cg_pause")] private static partial void CgPause();
    [LibraryImport("libcgctl.so", EntryPoint = "cg_dump")] private static partial void CgDump();

    public static void Start() => CgStart();
    public static void Stop() => CgStop();

    /// <summary>Counts again, adding to what was counted (no zeroing): many windows, one dump (<see cref="Dump"/>).</summary>
    public static void Resume() => CgResume();

    public static void Pause() => CgPause();

    public static void Dump() => CgDump();
}
