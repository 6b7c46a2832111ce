using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Tests.Inspection;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Engine.Tests.Signatures;

/// <summary>
/// Suricata's thresholding (doc/userguide/rules/thresholding.rst): which matches of a rule with <c>threshold</c> or
/// <c>detection_filter</c> alert, per track key and window, on the requests' own time.
/// </summary>
public sealed class AlertThresholdsTests
{
    private static readonly DateTime T0 = new(2026, 11, 30, 3, 0, 0, DateTimeKind.Utc);

    private static ThresholdOption Threshold(ThresholdType type, int count, int seconds = 60) =>
        new(type, ThresholdTrack.BySource, count, seconds, "threshold", new SourceLocation("t.rules", 1, 1));

    private static bool[] Run(AlertThresholds thresholds, ThresholdOption threshold, params double[] seconds) =>
        [.. seconds.Select(s => thresholds.Alerts(threshold, 1, "caller-a", T0.AddSeconds(s)))];

    [Fact]
    public void Limit_AlertsTheFirstCountMatchesOfAWindow_ThenAgainInTheNext()
    {
        Assert.Equal([true, true, false, false, true, true, false], Run(new AlertThresholds(), Threshold(ThresholdType.Limit, 2), 0, 1, 2, 59, 60, 61, 62));
    }

    [Fact]
    public void Threshold_AlertsEveryCountthMatch()
    {
        Assert.Equal([false, false, true, false, false, true, false], Run(new AlertThresholds(), Threshold(ThresholdType.Threshold, 3), 0, 1, 2, 3, 4, 5, 6));
    }

    [Fact]
    public void Both_AlertsOncePerWindow_WhenItReachesCount()
    {
        Assert.Equal([false, false, true, false, false, false, false, true], Run(new AlertThresholds(), Threshold(ThresholdType.Both, 3), 0, 1, 2, 3, 4, 70, 71, 72));
    }

    [Fact]
    public void DetectionFilter_AlertsEveryMatchAfterTheFirstCount()
    {
        Assert.Equal([false, false, true, true, true, false], Run(new AlertThresholds(), Threshold(ThresholdType.DetectionFilter, 2), 0, 1, 2, 3, 4, 100));
    }

    [Fact]
    public void KeysAndRules_AreCountedApart()
    {
        var thresholds = new AlertThresholds();
        ThresholdOption both = Threshold(ThresholdType.Both, 2);

        Assert.False(thresholds.Alerts(both, 1, "caller-a", T0));
        Assert.False(thresholds.Alerts(both, 1, "caller-b", T0));
        Assert.False(thresholds.Alerts(both, 2, "caller-a", T0));
        Assert.True(thresholds.Alerts(both, 1, "caller-a", T0.AddSeconds(1)));
        Assert.Equal(3, thresholds.Tracked);
    }

    [Fact]
    public void TimeGoingBackwards_StartsANewWindow()
    {
        // A recording replayed out of order must not leave a window that never ends.
        Assert.Equal([true, false, true], Run(new AlertThresholds(), Threshold(ThresholdType.Limit, 1), 100, 101, 5));
    }

    [Fact]
    public void Full_ANewKeyAlerts_ExpiredWindowsMakeRoom()
    {
        var thresholds = new AlertThresholds(maxTracked: 2);
        ThresholdOption both = Threshold(ThresholdType.Both, 5);
        Assert.False(thresholds.Alerts(both, 1, "a", T0));
        Assert.False(thresholds.Alerts(both, 1, "b", T0));

        // No room: a flood of callers can cost more alerts, never hide one.
        Assert.True(thresholds.Alerts(both, 1, "c", T0.AddSeconds(1)));
        Assert.Equal(2, thresholds.Tracked);

        // Once a and b's windows have ended they are swept, and c is counted like any other key.
        Assert.False(thresholds.Alerts(both, 1, "c", T0.AddSeconds(61)));
        Assert.Equal(1, thresholds.Tracked);
    }

    [Fact]
    public void Pipeline_ThresholdedRule_AlertsPerCaller_CountsTheSilencedMatches()
    {
        const string rules = """
            alert http any any -> any any (msg:"login brute force"; flow:to_server; http.uri; content:"/login"; threshold:type both, track by_src, count 3, seconds 60; classtype:attempted-user; sid:1000010; rev:1;)
            alert http any any -> any any (msg:"admin"; flow:to_server; http.uri; content:"/admin"; classtype:attempted-admin; sid:1000011; rev:1;)
            """;
        var harness = new PipelineHarness(rules: rules);
        string From(string serviceAccount, string target) =>
            $"GET {target} HTTP/1.1\r\nHost: reviews:9080\r\nx-forwarded-client-cert: {Raw.Xfcc.Replace("bookinfo-productpage", serviceAccount, StringComparison.Ordinal)}\r\n\r\n";
        int[] Sids() => [.. harness.Context.Findings.Select(f => f.Signature.Sid).Where(s => s < 9100000)];

        var fired = new List<int[]>();
        for (int i = 0; i < 4; i++)
        {
            harness.Inspect(From("web", "/login"), T0.AddSeconds(i));
            fired.Add(Sids());
        }

        harness.Inspect(From("batch", "/login"), T0.AddSeconds(5)); // another caller: its own count
        fired.Add(Sids());
        harness.Inspect(From("web", "/admin/login"), T0.AddSeconds(6)); // the silenced match is not listed as related either
        fired.Add(Sids());

        Assert.Equal([[], [], [1000010], [], [], [1000011]], fired);
        Assert.Null(harness.Context.Findings.Single(f => f.Signature.Sid == 1000011).Related);
        Assert.Equal(5, Metric(harness, "eastwestids_signature_threshold_suppressed_total")); // web 1, 2, 4 and /admin/login; batch 1
    }

    [Fact]
    public void Pipeline_RulesTestCases_IgnoreThresholds()
    {
        // `ewids rules test` asks whether a rule matches one request: its pipeline runs with thresholds off.
        var harness = new PipelineHarness(new InspectionOptions { ApplyAlertThresholds = false },
            """alert http any any -> any any (msg:"m"; http.uri; content:"/login"; threshold:type both, track by_rule, count 9, seconds 60; sid:1000012;)""");

        harness.Inspect($"GET /login HTTP/1.1\r\nHost: reviews\r\nx-forwarded-client-cert: {Raw.Xfcc}\r\n\r\n", T0);

        Assert.Contains(harness.Context.Findings, f => f.Signature.Sid == 1000012);
    }

    private static double Metric(PipelineHarness harness, string name)
    {
        using var stream = new MemoryStream();
        harness.Metrics.Registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        string line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
