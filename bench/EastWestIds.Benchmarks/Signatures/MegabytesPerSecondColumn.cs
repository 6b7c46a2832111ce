using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// "MB/s": bytes divided by the mean time per operation. The benchmark class says how many bytes one operation covers
/// for each value of its <c>Input</c> parameter (request bytes on the wire, unless its legend says otherwise).
/// </summary>
internal sealed class MegabytesPerSecondColumn(Func<object, int> bytesPerOperation,
    string legend = "Request bytes processed per second (10^6 bytes), from the mean") : IColumn
{
    public string Id => nameof(MegabytesPerSecondColumn);

    public string ColumnName => "MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        double? meanNs = report?.ResultStatistics?.Mean;
        object? input = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Input")?.Value;
        if (meanNs is null or <= 0 || input is null)
        {
            return "-";
        }

        return (bytesPerOperation(input) / meanNs.Value * 1e9 / 1e6).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
