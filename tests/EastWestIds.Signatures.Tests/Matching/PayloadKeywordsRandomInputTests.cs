using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// byte_test, byte_jump and base64_data read positions and lengths out of attacker-controlled bytes: on any value,
/// at any cursor, they answer match or no match, never throw, and stay within the step budget.
/// </summary>
public sealed class PayloadKeywordsRandomInputTests
{
    private static readonly string[] Rules =
    [
        "http.request_body; byte_jump:1,0; byte_jump:2,0,relative,little,multiplier 7,post_offset -5; byte_test:4,>,0,-3,relative;",
        "http.request_body; byte_jump:8,0,from_end,post_offset -65535; content:\"a\"; distance:0;",
        "http.request_body; content:\"=\"; byte_jump:20,0,relative,string,dec,align; isdataat:!1,relative;",
        "http.request_body; content:\"=\"; byte_test:0,>=,1,0,relative,string,hex,bitmask 0xf0; byte_jump:1,-65535,relative;",
        "http.request_body; content:\"b\"; base64_decode:bytes 65536, offset 3, relative; base64_data; byte_jump:4,0,from_beginning; pcre:\"/./\";",
        "http.request_body; base64_decode; base64_data; content:\"x\"; byte_test:1,&,1,0,relative; base64_decode;",
    ];

    [Fact]
    public void RandomValues_NeverThrow()
    {
        // The last rule does not load (one base64_decode per rule); the others must.
        SignatureMatcher matcher = TestEngine.Matcher([.. Rules[..^1].Select((r, i) => TestEngine.Rule(r, i + 1))]);
        var random = new Random(5);
        byte[] alphabet = "=ab09AZ+/x\u00ff\0\r\n"u8.ToArray();
        var fired = new HashSet<int>();
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] value = new byte[random.Next(0, trial % 100 == 0 ? 70_000 : 64)];
            for (int i = 0; i < value.Length; i++)
            {
                value[i] = random.Next(3) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            int matches = matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpRequestBody, value));
            Assert.InRange(matches, 0, Rules.Length - 1);
            Assert.Equal(0, matcher.LastBudgetExhaustions);
            fired.UnionWith(matcher.Matches.ToArray().Select(m => m.Signature.Sid));
        }

        Assert.True(fired.Count >= 2, $"the random values reached the end of only {fired.Count} rules: the test no longer exercises them");
    }
}
