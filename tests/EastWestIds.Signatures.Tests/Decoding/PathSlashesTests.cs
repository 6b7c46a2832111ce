using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

/// <summary>The separators Istio's default normalization keeps and many servers read: doubled slashes, %2F and %5C.</summary>
public class PathSlashesTests
{
    [Theory]
    [InlineData("//admin", true)]
    [InlineData("/a//b", true)]
    [InlineData("/admin%2Fkeys", true)]
    [InlineData("/admin%2fkeys", true)]
    [InlineData("/a%5Cb", true)]
    [InlineData("/a%5cb", true)]
    [InlineData("/a\\b", true)]
    [InlineData("/a/..%2F", true)]
    [InlineData("/a/b", false)]
    [InlineData("/a%20b/c%3B", false)]
    [InlineData("/a%2", false)] // a truncated escape at the end
    [InlineData("/a%", false)]
    [InlineData("/a%252F", false)] // an escaped %: the server decodes it once, to %2F, data
    [InlineData("/", false)]
    [InlineData("", false)]
    public void Present_FindsTheSeparatorsBaseNormalizationKeeps(string path, bool present)
        => Assert.Equal(present, PathSlashes.Present(L1.Bytes(path)));

    [Theory]
    [InlineData("/admin%2Fkeys", "/admin/keys")]
    [InlineData("/admin%2fkeys%5Cx%5cy", "/admin/keys\\x\\y")]
    [InlineData("/a%20b%2F%41", "/a%20b/%41")] // only the separators: every other escape kept
    [InlineData("/a%2", "/a%2")]
    [InlineData("/a%2F", "/a/")]
    [InlineData("%2F%2F", "//")]
    [InlineData("/a%252F", "/a%252F")]
    public void DecodeEscapedSlashes_DecodesOnlySlashAndBackslash(string path, string decoded)
    {
        byte[] bytes = L1.Bytes(path);
        Assert.Equal(decoded, L1.Text(bytes.AsSpan(0, PathSlashes.DecodeEscapedSlashes(bytes, bytes))));
    }

    [Theory]
    [InlineData("/ratings/../admin", true)]
    [InlineData("/ratings/..\\admin", true)]
    [InlineData("..", true)]
    [InlineData("/a/..", true)]
    [InlineData("/a/../", true)]
    [InlineData("/a/..b/c", false)]
    [InlineData("/a/.../c", false)]
    [InlineData("/a/./c", false)]
    [InlineData("/a/b", false)]
    [InlineData("", false)]
    public void HasDotDotSegment_SaysWhetherThePathClimbs(string path, bool climbs)
        => Assert.Equal(climbs, PathSlashes.HasDotDotSegment(L1.Bytes(path)));
}
