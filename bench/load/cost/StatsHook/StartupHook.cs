using System;
using System.IO;
using System.Threading;
using System.Diagnostics;
using System.Runtime;
// Diagnostic startup hook: when the file $STATS_TRIGGER exists, appends one line of process counters to $STATS_OUT and deletes it.
internal static class StartupHook
{
    public static void Initialize()
    {
        var trigger = Environment.GetEnvironmentVariable("STATS_TRIGGER");
        var output = Environment.GetEnvironmentVariable("STATS_OUT");
        if (trigger is null || output is null) return;
        var t = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(50);
                if (!File.Exists(trigger)) continue;
                var cpu = Environment.CpuUsage;
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                var line = string.Join(' ',
                    $"label={File.ReadAllText(trigger).Trim()}",
                    $"cpu_ms={cpu.TotalTime.TotalMilliseconds:F0}", $"user_ms={cpu.UserTime.TotalMilliseconds:F0}", $"sys_ms={cpu.PrivilegedTime.TotalMilliseconds:F0}",
                    $"gc0={GC.CollectionCount(0)}", $"gc1={GC.CollectionCount(1)}", $"gc2={GC.CollectionCount(2)}",
                    $"pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F1}",
                    $"alloc={GC.GetTotalAllocatedBytes(false)}",
                    $"heap={GC.GetTotalMemory(false)}",
                    $"gen0budget={AppContext.GetData("GCgen0size")}",
                    $"promoted={info.PromotedBytes}", $"lastpause_us={(info.PauseDurations.Length > 0 ? info.PauseDurations[0].TotalMicroseconds : 0):F0}",
                    $"tp_items={ThreadPool.CompletedWorkItemCount}", $"tp_threads={ThreadPool.ThreadCount}",
                    $"contention={Monitor.LockContentionCount}",
                    $"jit_methods={System.Runtime.JitInfo.GetCompiledMethodCount()}", $"jit_ms={System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0}");
                File.AppendAllText(output, line + "\n");
                File.Delete(trigger);
            }
        }) { IsBackground = true, Name = "stats-hook" };
        t.Start();
    }
}
