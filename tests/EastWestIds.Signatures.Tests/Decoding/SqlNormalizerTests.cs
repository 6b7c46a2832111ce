using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class SqlNormalizerTests
{
    private static string Normalize(string input)
    {
        byte[] bytes = L1.Bytes(input);
        return L1.Text(bytes.AsSpan(0, SqlNormalizer.Normalize(bytes, bytes)));
    }

    [Theory]
    [InlineData("UN/**/ION SEL/**/ECT", "UN ION SEL ECT")]
    [InlineData("union/**/select", "union select")]
    [InlineData("union  \t\r\n select", "union select")]
    [InlineData("1 or 1=1-- -", "1 or 1=1")]
    [InlineData("1 or 1=1#comment\nand 2", "1 or 1=1 and 2")]
    [InlineData("/*!50000union*/ /*!select*/ 1", "union select 1")]
    [InlineData("a /* unterminated", "a")]
    [InlineData("  lead and trail  ", "lead and trail")]
    [InlineData("a\u00C2\u00A0b", "a b")] // UTF-8 NBSP
    [InlineData("caf\u00C3\u00A0", "caf\u00C3\u00A0")] // à keeps its A0
    public void Normalize_SqlFragment_CommentsAndWhitespaceCollapsed(string input, string expected) => Assert.Equal(expected, Normalize(input));
}
