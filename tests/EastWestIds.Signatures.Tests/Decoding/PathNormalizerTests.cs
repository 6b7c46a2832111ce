using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class PathNormalizerTests
{
    private static string Normalize(string path)
    {
        byte[] bytes = L1.Bytes(path);
        return L1.Text(bytes.AsSpan(0, PathNormalizer.Normalize(bytes)));
    }

    [Theory]
    [InlineData("/a/b/c", "/a/b/c")]
    [InlineData("/a/./b", "/a/b")]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/a//b///c", "/a/b/c")]
    [InlineData("/a\\b\\..\\c", "/a/c")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/a/b/.", "/a/b/")]
    [InlineData("/a/", "/a/")]
    [InlineData("/", "/")]
    [InlineData("/..", "/")]
    [InlineData("", "")]
    [InlineData("/Admin/./Panel", "/Admin/Panel")]
    [InlineData("/a/..b/c", "/a/..b/c")]
    [InlineData("/a/...", "/a/...")]
    [InlineData("*", "*")]
    [InlineData("a/../b", "b")]
    [InlineData("/static/..\\..\\windows\\win.ini", "/windows/win.ini")]
    public void Normalize_Path_MatchesRfc3986RemoveDotSegments(string input, string expected) => Assert.Equal(expected, Normalize(input));
}
