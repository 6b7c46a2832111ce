using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Signatures.Detectors;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// The two detector keywords on one value: 1 KiB of benign prose (apostrophes, quotes, SQL and HTML words, the worst
/// realistic benign case since it runs every context) and short attack payloads. Neither may allocate.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly byte[] _prose = BuildProse();
    private readonly byte[] _sqlAttack = Encoding.UTF8.GetBytes("1' union all select username, password from users where '1'='1'--");
    private readonly byte[] _xssAttack = Encoding.UTF8.GetBytes("\"><img src=x onerror=alert(document.cookie)>");

    /// <summary>Size of the benign value, for MB/s.</summary>
    public int ProseBytes => _prose.Length;

    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int SqliBenignProse1KiB() => RunSql(_prose);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int SqliAttack() => RunSql(_sqlAttack);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int XssBenignProse1KiB() => RunXss(_prose);

    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int XssAttack() => RunXss(_xssAttack);

    private static int RunSql(byte[] input)
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += SqlInjectionDetector.TryDetect(input, out var match) ? match.Length : 0;
        }

        return sum;
    }

    private static int RunXss(byte[] input)
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            sum += CrossSiteScriptingDetector.TryDetect(input, out var match) ? match.Length : 0;
        }

        return sum;
    }

    private static byte[] BuildProse()
    {
        const string paragraph =
            "Hi team, please select the best option and drop us a line when you're done. O'Brien's order #4521 " +
            "from \"Acme Widgets\" was updated: the union of both lists is sorted by date, and the table is set for 6. " +
            "Where's the invoice? It's 3 > 2 weeks late -- not great. <p>Thanks, <strong>D'Angelo</strong></p> ";
        var sb = new StringBuilder();
        while (sb.Length < 1024)
        {
            sb.Append(paragraph);
        }

        var bytes = Encoding.UTF8.GetBytes(sb.ToString())[..1024];
        if (SqlInjectionDetector.TryDetect(bytes, out _) || CrossSiteScriptingDetector.TryDetect(bytes, out _))
        {
            throw new InvalidOperationException("the benign benchmark input must not be flagged");
        }

        return bytes;
    }
}
