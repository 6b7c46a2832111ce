using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace EastWestIds.Benchmarks;

/// <summary>
/// <c>--validate</c>: runs every benchmark of this assembly once, in-process, with a dry job (one invocation, no
/// warm-up), so CI catches a benchmark that throws, fails its own setup checks or no longer compiles against the
/// code it measures. Returns non-zero if anything failed. Numbers from this run mean nothing.
/// </summary>
internal static class Validation
{
    public static int Run()
    {
        Type[] types = typeof(Validation).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition
                && t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.IsDefined(typeof(BenchmarkAttribute), inherit: true)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();

        IConfig config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);

        Summary[] summaries = BenchmarkRunner.Run(types, config);

        int cases = 0;
        var failures = new List<string>();
        foreach (Summary summary in summaries)
        {
            foreach (ValidationError error in summary.ValidationErrors.Where(e => e.IsCritical))
            {
                failures.Add($"{summary.Title}: {error.Message}");
            }

            foreach (BenchmarkCase benchmark in summary.BenchmarksCases)
            {
                cases++;
                BenchmarkReport? report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase == benchmark);
                if (report is null || !report.Success)
                {
                    failures.Add($"{benchmark.DisplayInfo}: failed");
                }
            }
        }

        Console.WriteLine($"validation: {types.Length} benchmark classes, {cases} cases, {failures.Count} failures");
        foreach (string failure in failures)
        {
            Console.WriteLine($"  FAILED {failure}");
        }

        return failures.Count == 0 && types.Length > 0 ? 0 : 1;
    }
}
