using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Tests.Model;

/// <summary>Every closed set parses exactly its labels (the API's filters and the stored rows use them), nothing else.</summary>
public sealed class ModelTextTests
{
    [Fact]
    public void EveryLabel_ParsesBackToItsValue()
    {
        foreach (var family in Enum.GetValues<FindingFamily>())
        {
            Assert.True(ModelText.TryParseFamily(family.Label(), out var parsed));
            Assert.Equal(family, parsed);
        }

        foreach (var severity in Enum.GetValues<Severity>())
        {
            Assert.True(ModelText.TryParseSeverity(severity.Label(), out var parsed));
            Assert.Equal(severity, parsed);
            Assert.True(ModelText.TryParseSeverity(((int)severity).ToString(System.Globalization.CultureInfo.InvariantCulture), out var byNumber));
            Assert.Equal(severity, byNumber);
        }
    }

    [Fact]
    public void LabelLists_AreTheLabelsInDeclarationOrder()
    {
        Assert.Equal(["high", "medium", "low", "info"], ModelText.SeverityLabels);
        Assert.Equal(["protocol", "identity", "access", "policy", "attack"], ModelText.FamilyLabels);
        Assert.Equal(Enum.GetValues<AlertVerdict>().Select(v => v.Label()), ModelText.VerdictLabels);
        Assert.Equal(Enum.GetValues<AlertOutcome>().Select(o => o.Label()), ModelText.OutcomeLabels);
        Assert.Equal(Enum.GetValues<TriageState>().Select(s => s.Label()), ModelText.TriageStateLabels);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("High")]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("12")]
    public void Severity_OtherText_IsRefused(string? text) => Assert.False(ModelText.TryParseSeverity(text, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("unknown")]
    [InlineData("Attack")]
    [InlineData("attacks")]
    public void Family_OtherText_IsRefused(string? text) => Assert.False(ModelText.TryParseFamily(text, out _));
}
