using System.Runtime.InteropServices;

/// <summary>
/// Opens and closes callgrind's counting window through valgrind's client requests (libcgctl.so, built by cg.sh from
/// cgctl.c), so start-up, rule compilation and warm-up are not counted. Outside valgrind the requests are no-ops.
/// </summary>
static partial class Callgrind
{
    [LibraryImport("libcgctl.so", EntryPoint = "cg_start")] private static partial void CgStart();
    [LibraryImport("libcgctl.so", EntryPoint = "cg_stop")] private static partial void CgStop();

    public static void Start() => CgStart();
    public static void Stop() => CgStop();
}
