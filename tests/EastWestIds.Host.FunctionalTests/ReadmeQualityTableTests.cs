using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Quality;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// README "Detection quality" promises that <c>ewids scan --verdicts</c> over the CRS corpus reproduces its table. The
/// in-process floors (Quality.Tests) leave out the HTTP parser, whose 91xxxxx findings count in the table, so a parser
/// change moved the table unnoticed once (session 28: CRS 920170-4's stray body bytes became a malformed request). This
/// runs the real executable as <c>bench/quality/run.sh</c> does and compares the whole table.
/// </summary>
public sealed class ReadmeQualityTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-quality-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ScanVerdicts_OverTheCrsAndBenignCorpora_ReproduceTheReadmeTable()
    {
        string crs = RepositoryPaths.SharedFile("corpus", "crs-requests.jsonl");
        string benign = RepositoryPaths.InRepository("tests", "corpus", "benign-requests.jsonl");

        var crsVerdicts = await ScanAsync(crs, "crs.jsonl");
        var benignVerdicts = await ScanAsync(benign, "benign.jsonl");

        List<QualityRow> rows = QualityReport.Compute(CorpusReader.ReadLabels(crs, "uncategorized", defaultExpectDetect: true), crsVerdicts);
        QualityRow benignRow = QualityReport.Compute(CorpusReader.ReadLabels(benign, "benign", defaultExpectDetect: false), benignVerdicts)
            .Single(r => r.Category == "total");
        string table = QualityReport.ToMarkdown(rows, benignRow).ReplaceLineEndings("\n");

        string readme = File.ReadAllText(RepositoryPaths.InRepository("README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains(table, StringComparison.Ordinal),
            $"README \"Detection quality\" does not hold the table ewids scan measures now (bench/quality/run.sh prints it):\n{table}");
    }

    /// <summary>The verdicts of the shipped rules over <paramref name="corpus"/>, with run.sh's settings.</summary>
    private async Task<Dictionary<string, List<int>>> ScanAsync(string corpus, string name)
    {
        string output = Path.Combine(_dir, name);

        // Exit 1 means something was found, which is the point here; a pcre that needs the backtracking engine gets
        // 1 s, as in run.sh, so that a busy machine cannot move the figures.
        var (code, _, stderr) = await EwidsProcess.RunAsync(
            ["scan", "--verdicts", "--rules", RepositoryPaths.InRepository("signatures"), "--pcre-timeout", "1s",
             "--progress-interval", "0", "--output", output, corpus],
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(code is 0 or 1, $"ewids scan exited {code}: {stderr}");
        Assert.Contains("0 input errors", stderr);
        return CorpusReader.ReadVerdicts(output);
    }
}
