namespace EastWestIds.Quality.Tests;

public sealed class QualityReportTests
{
    private static readonly LabelledRequest[] Labels =
    [
        new("a1", "sqli", true), new("a2", "sqli", true), new("n1", "sqli", false),
        new("a3", "xss", true), new("n2", "xss", false), new("n3", "xss", false),
    ];

    [Fact]
    public void Compute_CountsDetectedAttacksAndFlaggedNegativesPerCategoryAndInTotal()
    {
        var verdicts = new Dictionary<string, List<int>>
        {
            ["a1"] = [9408030], ["a2"] = [], ["n1"] = [9408010], ["a3"] = [9409010], ["n2"] = [], ["n3"] = [9100001],
        };

        List<QualityRow> rows = QualityReport.Compute(Labels, verdicts);

        Assert.Equal(new QualityRow("sqli", 2, 1, 1, 1), rows[0]);
        Assert.Equal(new QualityRow("xss", 1, 1, 2, 1), rows[1]);
        Assert.Equal(new QualityRow("total", 3, 2, 3, 2), rows[2]);
        Assert.Equal(50.0, rows[0].DetectedPercent);
    }

    [Fact]
    public void Compute_IgnoresIdentityAndAccessFindingsThatEveryRecordingRaises()
    {
        var verdicts = new Dictionary<string, List<int>> { ["a1"] = [9200001, 9300002], ["n1"] = [9299999] };

        QualityRow total = QualityReport.Compute(Labels, verdicts).Single(r => r.Category == "total");

        Assert.Equal(0, total.Detected);
        Assert.Equal(0, total.Flagged);
        Assert.True(QualityReport.Counts(9100010));
        Assert.True(QualityReport.Counts(9408030));
        Assert.False(QualityReport.Counts(9200001));
        Assert.False(QualityReport.Counts(9399999));
    }

    [Fact]
    public void Check_NamesEveryMissedTargetWithTheMeasuredValue()
    {
        List<QualityRow> rows =
        [
            new("sqli", 100, 80, 10, 0), new("xss", 100, 100, 10, 5), new("total", 200, 180, 20, 5),
        ];

        QualityTargets.Result result = QualityTargets.Check(rows, new QualityRow("total", 0, 0, 1000, 2));

        Assert.Equal(
            [
                "CRS attacks detected 90.0% < 95%",
                "category sqli detected 80.0% < 85%",
                "CRS negatives flagged 25.0% > 10%",
                "benign requests flagged 0.20% > 0.1%",
            ],
            result.Misses);
    }

    [Fact]
    public void Check_AllTargetsMet_NoMisses()
    {
        List<QualityRow> rows = [new("sqli", 100, 96, 100, 10), new("total", 100, 96, 100, 10)];

        Assert.Empty(QualityTargets.Check(rows, new QualityRow("total", 0, 0, 1000, 1)).Misses);
    }

    [Fact]
    public void ToMarkdown_OneRowPerCategoryTotalInBoldAndTheBenignRow()
    {
        string text = QualityReport.ToMarkdown([new("sqli", 4, 3, 2, 1), new("total", 4, 3, 2, 1)], new QualityRow("total", 0, 0, 2000, 1));

        Assert.Contains("| sqli | 4 | 3 | 75.0 | 2 | 1 | 50.0 |", text, StringComparison.Ordinal);
        Assert.Contains("| **total** | 4 | 3 | 75.0 | 2 | 1 | 50.0 |", text, StringComparison.Ordinal);
        Assert.Contains("| benign corpus | – | – | – | 2000 | 1 | 0.05 |", text, StringComparison.Ordinal);
    }
}
