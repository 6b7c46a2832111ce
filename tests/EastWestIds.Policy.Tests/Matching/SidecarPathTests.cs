using System.Text;
using EastWestIds.Policy.Matching;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.Matching;

/// <summary>The path as the sidecar judges it under Istio's default BASE normalization.</summary>
public class SidecarPathTests
{
    private static string Normalize(string path)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(path);
        return Encoding.ASCII.GetString(bytes, 0, SidecarPath.Normalize(bytes, bytes));
    }

    [Theory]
    [InlineData("/public/%2E%2E/private", "/private")]
    [InlineData("/public/%2e%2e/private", "/private")]
    [InlineData("/public/./data/abc/../xyz", "/public/data/xyz")] // Istio's normalization page
    [InlineData("/some\\data", "/some/data")]
    [InlineData("/%61%62%63/%41%5a%7e%5f%2d%30%39", "/abc/AZ~_-09")]
    [InlineData("/some%2fdata/%5Cx", "/some%2fdata/%5Cx")] // %2F and %5C only with DECODE_AND_MERGE_SLASHES
    [InlineData("/a%20b/%3B/%25/%C3%A9", "/a%20b/%3B/%25/%C3%A9")] // reserved, '%' and non-ASCII stay escaped
    [InlineData("/a//b", "/a//b")] // slashes merge only with MERGE_SLASHES
    [InlineData("/a//../b", "/a/b")] // RFC 3986: '..' removes the empty segment
    [InlineData("/a/b/..", "/a/")]
    [InlineData("/a/b/.", "/a/b/")]
    [InlineData("/..", "/")]
    [InlineData("/../../etc/passwd", "/etc/passwd")]
    [InlineData("/", "/")]
    [InlineData("", "")]
    [InlineData("/a/..b/.c", "/a/..b/.c")]
    [InlineData("/x/%2E%2E/y?to=/a/../b#%2E", "/y?to=/a/../b#%2E")] // the query and fragment are untouched
    [InlineData("/x%2", "/x%2")]
    [InlineData("/%5%41", "/%5A")] // one pass: an escape built from a decoded character stays
    [InlineData("/x%zz", "/x%zz")]
    [InlineData("*", "*")]
    public void Normalize_AsEnvoysNormalizePath(string path, string normalized) => Assert.Equal(normalized, Normalize(path));

    [Theory]
    [InlineData("/public/%2E%2E/private")]
    [InlineData("/a//../b/./c\\d")]
    [InlineData("/%252e%252e/x")]
    public void Normalize_IsIdempotent(string path) => Assert.Equal(Normalize(path), Normalize(Normalize(path)));

    [Theory]
    [InlineData("/reviews/0", false)]
    [InlineData("/reviews/0?x=%41/./", false)]
    [InlineData("/a//b", false)]
    [InlineData("/a/./b", true)]
    [InlineData("/a%41", true)]
    [InlineData("/a\\b", true)]
    public void MayChange_OnlyWhenThereIsSomethingToNormalize(string path, bool may) => Assert.Equal(may, SidecarPath.MayChange(Encoding.ASCII.GetBytes(path)));

    /// <summary>Random paths (fixed seed) from the bytes normalization cares about: never longer, in place as out of place.</summary>
    [Fact]
    public void Normalize_KeepsItsContract_OnRandomPaths()
    {
        var alphabet = "/./%2eE5cCfF41\\?#ab"u8.ToArray();
        var random = new Random(32);
        for (int n = 0; n < 20_000; n++)
        {
            var path = new byte[random.Next(0, 24)];
            for (int i = 0; i < path.Length; i++)
            {
                path[i] = alphabet[random.Next(alphabet.Length)];
            }

            var output = new byte[path.Length];
            int length = SidecarPath.Normalize(path, output);
            var inPlace = (byte[])path.Clone();
            int inPlaceLength = SidecarPath.Normalize(inPlace, inPlace);

            var text = Encoding.ASCII.GetString(path);
            Assert.True(length <= path.Length, text);
            Assert.True(output.AsSpan(0, length).SequenceEqual(inPlace.AsSpan(0, inPlaceLength)), text);
        }
    }

    /// <summary>Istio's TestAuthz_PathNormalization: each raw path the client sent and the path the policy judged.</summary>
    [Fact]
    public void Normalize_GivesThePathOfEveryIstioVectorWithARawPath()
    {
        var pairs = VectorFiles.Vectors("authz.json")
            .Where(v => v.TryGetProperty("request", out _))
            .Select(v => v.GetProperty("request"))
            .Where(r => r.TryGetProperty("http", out var http) && http.TryGetProperty("rawPath", out _))
            .Select(r => (Raw: r.GetProperty("http").GetProperty("rawPath").GetString()!, Path: r.GetProperty("http").GetProperty("path").GetString()!))
            .ToList();

        Assert.Equal(6, pairs.Count); // TestAuthz_PathNormalization's requests
        Assert.All(pairs, p => Assert.Equal(p.Path, Normalize(p.Raw)));
    }
}
