using System.Text;
using BenchmarkDotNet.Attributes;
using EastWestIds.Signatures.Detectors;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Benchmarks.Signatures;

/// <summary>
/// The two detector keywords on one value: 1 KiB of benign prose (apostrophes, quotes, SQL and HTML words, the worst
/// realistic benign case since it runs every context), short attack payloads, and the short argument values of an
/// ordinary JSON or form request as the matcher hands them over (with their char classes, so the plain-text answers
/// of <see cref="SqlPlainText"/> and <see cref="XssPlainText"/> apply; per value). Neither may allocate.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmark
{
    private const int OperationsPerInvoke = 100;

    private readonly byte[] _prose = BuildProse();
    private readonly byte[] _sqlAttack = Encoding.UTF8.GetBytes("1' union all select username, password from users where '1'='1'--");
    private readonly byte[] _xssAttack = Encoding.UTF8.GetBytes("\"><img src=x onerror=alert(document.cookie)>");

    // argument values of the benign JSON and form requests the matcher benchmarks read, and their like
    private readonly (byte[] Value, ulong Classes)[] _arguments = [.. new[]
    {
        "Trail running shoe size 40", "SKU-1000", "en-GB", "Berlin", "2026-11-30", "John Smith", "order-7f7344ac", "EUR",
        "Please leave the parcel at the back door, thanks.", "v1.4.2",
    }.Select(v => Encoding.UTF8.GetBytes(v)).Select(b => (b, CharClasses.Of(b)))];

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

    /// <summary>Per value: <see cref="_arguments"/> through <c>detect_sqli</c> as the matcher calls it.</summary>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int SqliArgumentValues()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            var (value, classes) = _arguments[i % _arguments.Length];
            sum += SqlInjectionDetector.TryDetect(value, classes, out var match) ? match.Length : 0;
        }

        return sum;
    }

    /// <summary>Per value: <see cref="_arguments"/> through <c>detect_xss</c> as the matcher calls it.</summary>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public int XssArgumentValues()
    {
        int sum = 0;
        for (int i = 0; i < OperationsPerInvoke; i++)
        {
            var (value, classes) = _arguments[i % _arguments.Length];
            sum += CrossSiteScriptingDetector.TryDetect(value, classes, out var match) ? match.Length : 0;
        }

        return sum;
    }

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
