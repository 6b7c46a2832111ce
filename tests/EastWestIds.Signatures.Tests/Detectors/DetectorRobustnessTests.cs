using EastWestIds.Signatures.Detectors;

namespace EastWestIds.Signatures.Tests.Detectors;

/// <summary>
/// Attacker bytes must get an answer, never an exception: both detectors run over many random inputs built from
/// the bytes their parsers branch on (quotes, comment and tag openers, escapes, multi-byte lead bytes), cut at
/// every length. A fixed seed keeps failures reproducible.
/// </summary>
public sealed class DetectorRobustnessTests
{
    private static readonly byte[] s_alphabet =
        "'\"`<>/=*-#@;:()[]{}\\&|!?%+.,$_ \t\n\r0x1aeEoOnNsSuUrRlLiIcCtTpPjJvV"u8.ToArray()
            .Concat(new byte[] { 0x00, 0x7F, 0xBC, 0x9C, 0xC2, 0xB4, 0xE2, 0x80, 0x98, 0x99, 0xEF, 0xFF })
            .ToArray();

    private static readonly string[] s_fragments =
    [
        "<script", "<img src=", " onerror=", "javascript:", "&#x6A;", "&colon;", "expression(", "/*!50000", "*/", "union",
        "select", "' or ", "--", "sleep(", "document.cookie", "alert(", "+ADw-", "<!--#exec", "<!ENTITY", "\u2019", "style=\"",
    ];

    [Fact]
    public void Random_inputs_never_throw()
    {
        var random = new Random(20261129);
        for (int round = 0; round < 5_000; round++)
        {
            var input = Build(random);
            for (int cut = Math.Max(0, input.Length - 4); cut <= input.Length; cut++)
            {
                var span = input.AsSpan(0, cut);
                if (SqlInjectionDetector.TryDetect(span, out var match))
                {
                    Assert.InRange(match.Start, 0, cut);
                    Assert.InRange(match.Start + match.Length, 0, cut);
                }

                if (CrossSiteScriptingDetector.TryDetect(span, out match))
                {
                    Assert.InRange(match.Start, 0, cut);
                    Assert.InRange(match.Start + match.Length, 0, cut);
                }
            }
        }
    }

    private static byte[] Build(Random random)
    {
        var bytes = new List<byte>();
        int parts = random.Next(1, 12);
        for (int p = 0; p < parts; p++)
        {
            if (random.Next(3) == 0)
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(s_fragments[random.Next(s_fragments.Length)]));
            }
            else
            {
                int run = random.Next(1, 8);
                for (int i = 0; i < run; i++)
                {
                    bytes.Add(s_alphabet[random.Next(s_alphabet.Length)]);
                }
            }
        }

        return [.. bytes];
    }
}
