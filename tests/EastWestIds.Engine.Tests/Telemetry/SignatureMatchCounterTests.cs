using System.Text;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Telemetry;
using EastWestIds.TestCommon;

namespace EastWestIds.Engine.Tests.Telemetry;

public sealed class SignatureMatchCounterTests
{
    private static readonly SignatureInfo SqlRule =
        new(2001, 1, "SQL injection", "web-application-attack", "Web Application Attack", Severity.High, FindingFamily.Attack);

    private static readonly SignatureInfo RuleWithoutClassType =
        new(2002, 1, "no classtype", "", "", Severity.Low, FindingFamily.Attack);

    [Fact]
    public async Task Match_IncrementsTheChildOfItsSidAndClassType_Only()
    {
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());

        metrics.SignatureMatched(SqlRule);
        metrics.SignatureMatched(SqlRule);
        metrics.SignatureMatched(RuleWithoutClassType);
        metrics.SignatureMatched(BuiltInSignatures.MalformedRequestLine);

        var text = await Export(metrics);
        Assert.Contains("eastwestids_signature_matches_total{sid=\"2001\",category=\"web-application-attack\"} 2", text);
        Assert.Contains("eastwestids_signature_matches_total{sid=\"2002\",category=\"attack\"} 1", text);
        Assert.Contains(
            $"eastwestids_signature_matches_total{{sid=\"9100001\",category=\"{BuiltInSignatures.MalformedRequestLine.ClassType}\"}} 1", text);
        Assert.Equal(3, CountOccurrences(text, "eastwestids_signature_matches_total{"));
    }

    [Fact]
    public async Task Reload_ThatChangesASidsClassType_CountsUnderTheNewCategory()
    {
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());

        metrics.SignatureMatched(SqlRule);
        metrics.SignatureMatched(SqlRule with { ClassType = "attempted-admin" });

        var text = await Export(metrics);
        Assert.Contains("eastwestids_signature_matches_total{sid=\"2001\",category=\"web-application-attack\"} 1", text);
        Assert.Contains("eastwestids_signature_matches_total{sid=\"2001\",category=\"attempted-admin\"} 1", text);
    }

    [Fact]
    public async Task SecondMatch_AllocatesNothing()
    {
        var metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.SignatureMatched(SqlRule); // the first match of a sid resolves and caches its child
        metrics.SignatureMatched(BuiltInSignatures.MalformedRequestLine);

        int batches = 0;
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            batches++;
            for (int i = 0; i < 100; i++)
            {
                metrics.SignatureMatched(SqlRule);
                metrics.SignatureMatched(BuiltInSignatures.MalformedRequestLine);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Contains($"eastwestids_signature_matches_total{{sid=\"2001\",category=\"web-application-attack\"}} {1 + (100 * batches)}", await Export(metrics));
    }

    private static async Task<string> Export(IdsMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
