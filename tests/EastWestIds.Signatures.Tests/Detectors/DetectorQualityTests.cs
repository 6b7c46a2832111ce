using System.Text;
using EastWestIds.Signatures.Detectors;
using Xunit.Abstractions;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// Detection and false-positive rates, locked in as thresholds so that a change that loses detections or gains
/// false positives fails. The CRS numbers are per request: a request counts as detected when any of its decoded
/// values (see <see cref="CrsRequestValues"/>) is. Raise the thresholds when the detectors improve.
/// </summary>
public sealed class DetectorQualityTests(ITestOutputHelper output)
{
    private delegate bool Detector(ReadOnlySpan<byte> input, out DetectorMatch match);

    [Fact]
    public void Sqli_detects_crs_942_attacks_above_threshold_and_flags_few_negatives()
    {
        var (detected, positives, flagged, negatives) = Measure("sqli", SqlInjectionDetector.TryDetect);
        output.WriteLine($"sqli: detected {detected}/{positives} ({100.0 * detected / positives:F1}%), negatives flagged {flagged}/{negatives} ({100.0 * flagged / negatives:F1}%)");
        Assert.True(detected >= Thresholds.SqliDetectedMin, $"sqli detected {detected}, threshold {Thresholds.SqliDetectedMin}");
        Assert.True(flagged <= Thresholds.SqliNegativesFlaggedMax, $"sqli negatives flagged {flagged}, threshold {Thresholds.SqliNegativesFlaggedMax}");
    }

    [Fact]
    public void Xss_detects_crs_941_attacks_above_threshold_and_flags_few_negatives()
    {
        var (detected, positives, flagged, negatives) = Measure("xss", CrossSiteScriptingDetector.TryDetect);
        output.WriteLine($"xss: detected {detected}/{positives} ({100.0 * detected / positives:F1}%), negatives flagged {flagged}/{negatives} ({100.0 * flagged / negatives:F1}%)");
        Assert.True(detected >= Thresholds.XssDetectedMin, $"xss detected {detected}, threshold {Thresholds.XssDetectedMin}");
        Assert.True(flagged <= Thresholds.XssNegativesFlaggedMax, $"xss negatives flagged {flagged}, threshold {Thresholds.XssNegativesFlaggedMax}");
    }

    [Fact]
    public void No_benign_value_is_flagged_by_either_detector()
    {
        var benign = DetectorTestData.BenignValues();
        Assert.True(benign.Count >= 500, "the benign set should stay several hundred values large");
        var flagged = new List<string>();
        foreach (var (text, bytes) in benign)
        {
            if (SqlInjectionDetector.TryDetect(bytes, out var m))
            {
                flagged.Add($"sqli {m.Fingerprint.Kind}:{m.Fingerprint} <- {text}");
            }

            if (CrossSiteScriptingDetector.TryDetect(bytes, out m))
            {
                flagged.Add($"xss {m.Fingerprint.Kind}:{m.Fingerprint} <- {text}");
            }
        }

        Assert.True(flagged.Count == 0, string.Join("\n", flagged));
    }

    private static (int Detected, int Positives, int Flagged, int Negatives) Measure(string category, Detector detector)
    {
        int detected = 0, positives = 0, flagged = 0, negatives = 0;
        foreach (var request in CrsRequestValues.Load(DetectorTestData.CrsCorpusPath(), category))
        {
            bool hit = false;
            foreach (var value in request.Values)
            {
                if (detector(Encoding.UTF8.GetBytes(value), out _))
                {
                    hit = true;
                    break;
                }
            }

            if (request.ExpectDetect)
            {
                positives++;
                detected += hit ? 1 : 0;
            }
            else
            {
                negatives++;
                flagged += hit ? 1 : 0;
            }
        }

        Assert.True(positives > 0, $"no {category} requests in the corpus");
        return (detected, positives, flagged, negatives);
    }

    /// <summary>The measured numbers at the time of writing (counts of requests), minus nothing: any loss fails.</summary>
    private static class Thresholds
    {
        // session 19: 571 -> 568, three CRS 942380 values that open with three keywords (`from information_schema.tables
        // where …`); "kkk*" went, since English opens that way too ("If all else fails"). The rule set still detects all
        // three (9408124, 9408072). Session 20: 568 -> 567, CRS 942470-8 (a value that is only `OPENROWSET`): one run
        // of letters is one token, never an injection, as the matcher's gate had always said before the detector ran
        // (ExhaustiveReferenceTests found the two disagreeing); the rule set still detects it (9408114).
        public const int SqliDetectedMin = 567;
        public const int SqliNegativesFlaggedMax = 10; // session 7: <?xpacket begin="?"…?>, prose quoting a statement
        // session 18: 161 -> 159, an unknown on… name with an empty value (CRS 941120-2/-4, '  onabcdefgh= ' as an
        // argument name) is no script for the detector any more; the rule set still detects both (URI rules)
        public const int XssDetectedMin = 159;
        public const int XssNegativesFlaggedMax = 4; // session 7: a 51-letter on… name
    }
}
