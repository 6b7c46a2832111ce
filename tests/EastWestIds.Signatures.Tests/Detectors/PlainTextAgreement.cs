using System.Text;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// The check shared by the detectors' plain-text answers: over the CRS and benign values and random text joined from
/// <c>words</c>, wherever the plain-text test says plain, the full detector must find nothing.
/// </summary>
internal static class PlainTextAgreement
{
    public delegate bool PlainTest(ReadOnlySpan<byte> value, ulong classes);

    public delegate bool FullDetector(ReadOnlySpan<byte> value);

    /// <summary>Asserts the agreement; returns how many values were plain and how many the detector flagged.</summary>
    public static (int Plain, int Detected) Check(string[] words, string[] separators, int seed, PlainTest isPlain, FullDetector detect)
    {
        var random = new Random(seed);
        var values = DetectorTestData.CorpusValues()
            .Concat(Enumerable.Range(0, 100_000).Select(_ => string.Join(separators[random.Next(separators.Length)],
                Enumerable.Range(0, random.Next(1, 7)).Select(_ => words[random.Next(words.Length)]))));
        int plain = 0, detected = 0;
        foreach (var value in values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            bool flagged = detect(bytes);
            detected += flagged ? 1 : 0;
            if (isPlain(bytes, CharClasses.Of(bytes)))
            {
                plain++;
                Assert.False(flagged, $"'{value}' is called plain but the full detector flags it");
            }
        }

        return (plain, detected);
    }
}
