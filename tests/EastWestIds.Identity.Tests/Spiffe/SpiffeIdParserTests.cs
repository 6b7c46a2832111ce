using System.Text;
using EastWestIds.Identity.Spiffe;

namespace EastWestIds.Identity.Tests.Spiffe;

public class SpiffeIdParserTests
{
    [Fact]
    public void TryParse_IstioId_SplitsNamespaceAndServiceAccount()
    {
        var id = Bytes("spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage");

        Assert.True(SpiffeIdParser.TryParse(id, out var parts, out var error));
        Assert.Equal(SpiffeIdError.None, error);
        Assert.True(parts.IsIstio);
        Assert.True(parts.IsLeafWorkloadId);
        Assert.Equal("cluster.local", Text(id, parts.TrustDomain));
        Assert.Equal("/ns/bookinfo/sa/bookinfo-productpage", Text(id, parts.Path));
        Assert.Equal("bookinfo", Text(id, parts.Namespace));
        Assert.Equal("bookinfo-productpage", Text(id, parts.ServiceAccount));
        Assert.Equal(SpiffeIdError.None, parts.LengthAnomaly);
        Assert.Equal(id.Length, parts.Length);
    }

    [Theory]
    [InlineData("spiffe://td/ns/a/sa")]
    [InlineData("spiffe://td/ns/a/sa/b/c")]
    [InlineData("spiffe://td/NS/a/SA/b")]   // Istio's keywords are case-sensitive
    [InlineData("spiffe://td/sa/b/ns/a")]
    [InlineData("spiffe://td/ns/a/xa/b")]
    [InlineData("spiffe://td/path")]
    public void TryParse_NonIstioPath_ValidButNotIstio(string text)
    {
        Assert.True(SpiffeIdParser.TryParse(Bytes(text), out var parts, out _));
        Assert.False(parts.IsIstio);
        Assert.Equal(default, parts.Namespace);
        Assert.Equal(default, parts.ServiceAccount);
    }

    [Fact]
    public void TryParse_PathlessId_ValidButNotALeaf()
    {
        var id = Bytes("spiffe://example.org");

        Assert.True(SpiffeIdParser.TryParse(id, out var parts, out _));
        Assert.False(parts.IsLeafWorkloadId);
        Assert.Equal("example.org", Text(id, parts.TrustDomain));
        Assert.Equal("", Text(id, parts.Path));
    }

    [Theory]
    [InlineData("", SpiffeIdError.Empty, 0)]
    [InlineData("spiffe:/", SpiffeIdError.WrongScheme, 0)]
    [InlineData("Spiffe://td/p", SpiffeIdError.WrongScheme, 0)]
    [InlineData("https://td/p", SpiffeIdError.WrongScheme, 0)]
    [InlineData("spiffe://", SpiffeIdError.MissingTrustDomain, 9)]
    [InlineData("spiffe:///p", SpiffeIdError.MissingTrustDomain, 9)]
    [InlineData("spiffe://Td/p", SpiffeIdError.BadTrustDomainChar, 9)]
    [InlineData("spiffe://td:8080/p", SpiffeIdError.HasPort, 11)]
    [InlineData("spiffe://td:", SpiffeIdError.HasPort, 11)]
    [InlineData("spiffe://user@td/p", SpiffeIdError.HasUserInfo, 13)]
    [InlineData("spiffe://user:pw@td/p", SpiffeIdError.HasUserInfo, 13)]
    [InlineData("spiffe://td?x=1", SpiffeIdError.HasQueryOrFragment, 11)]
    [InlineData("spiffe://td#f", SpiffeIdError.HasQueryOrFragment, 11)]
    [InlineData("spiffe://t%64/p", SpiffeIdError.PercentEncoded, 10)]
    [InlineData("spiffe://td/p?x=1", SpiffeIdError.HasQueryOrFragment, 13)]
    [InlineData("spiffe://td/p#f", SpiffeIdError.HasQueryOrFragment, 13)]
    [InlineData("spiffe://td/p%41", SpiffeIdError.PercentEncoded, 13)]
    [InlineData("spiffe://td/p:q", SpiffeIdError.BadPathChar, 13)]
    [InlineData("spiffe://td/p@q", SpiffeIdError.BadPathChar, 13)]
    [InlineData("spiffe://td/", SpiffeIdError.TrailingSlash, 12)]
    [InlineData("spiffe://td/a/", SpiffeIdError.TrailingSlash, 14)]
    [InlineData("spiffe://td//a", SpiffeIdError.EmptySegment, 12)]
    [InlineData("spiffe://td/a//b", SpiffeIdError.EmptySegment, 14)]
    [InlineData("spiffe://td/.", SpiffeIdError.DotSegment, 12)]
    [InlineData("spiffe://td/../a", SpiffeIdError.DotSegment, 12)]
    [InlineData("spiffe://td/a/./b", SpiffeIdError.DotSegment, 14)]
    [InlineData("spiffe://td/a/..", SpiffeIdError.DotSegment, 14)]
    [InlineData("spiffe://cluster.local/ns/a;URI=spiffe://cluster.local/ns/kube-system/sa/admin", SpiffeIdError.BadPathChar, 27)]
    public void TryParse_Invalid_ReportsReasonAndOffset(string text, SpiffeIdError expected, int expectedOffset)
    {
        Assert.False(SpiffeIdParser.TryParse(Bytes(text), out var parts, out var error, out int offset));
        Assert.Equal(expected, error);
        Assert.Equal(expectedOffset, offset);
        Assert.Equal(default, parts);
    }

    [Theory]
    [InlineData("spiffe://td/.a")]
    [InlineData("spiffe://td/..a")]
    [InlineData("spiffe://td/...")]
    [InlineData("spiffe://td/a.")]
    [InlineData("spiffe://1.2.3.4/p")]
    [InlineData("spiffe://a_b-c.d/P_Q-R.s")]
    public void TryParse_UnusualButValid_Accepts(string text)
    {
        Assert.True(SpiffeIdParser.TryParse(Bytes(text), out _, out var error), error.ToString());
    }

    [Fact]
    public void TryParse_LengthLimits_ParsedAndFlaggedOnlyPastTheLimit()
    {
        string prefix = "spiffe://example.org/";
        var exact = Bytes(prefix + new string('a', SpiffeIdParser.MaxLength - prefix.Length));
        var over = Bytes(prefix + new string('a', SpiffeIdParser.MaxLength - prefix.Length + 1));
        var td255 = Bytes("spiffe://" + new string('t', SpiffeIdParser.MaxTrustDomainLength) + "/p");
        var td256 = Bytes("spiffe://" + new string('t', SpiffeIdParser.MaxTrustDomainLength + 1) + "/p");

        Assert.True(SpiffeIdParser.TryParse(exact, out var p1, out _));
        Assert.Equal(SpiffeIdError.None, p1.LengthAnomaly);
        Assert.True(SpiffeIdParser.TryParse(over, out var p2, out _));
        Assert.Equal(SpiffeIdError.TooLong, p2.LengthAnomaly);
        Assert.True(SpiffeIdParser.TryParse(td255, out var p3, out _));
        Assert.Equal(SpiffeIdError.None, p3.LengthAnomaly);
        Assert.True(SpiffeIdParser.TryParse(td256, out var p4, out _));
        Assert.Equal(SpiffeIdError.TrustDomainTooLong, p4.LengthAnomaly);
    }

    [Fact]
    public void TryParse_RangesPointIntoLargerBuffer_WhenGivenASlice()
    {
        var header = Bytes("URI=spiffe://td/ns/a/sa/b;");
        var slice = header.AsSpan(4, header.Length - 5);

        Assert.True(SpiffeIdParser.TryParse(slice, out var parts, out _));
        Assert.Equal("a", Encoding.ASCII.GetString(slice[parts.Namespace]));
    }

    [Fact]
    public void SpiffeId_Parse_RoundTripsAndGivesPrincipalForm()
    {
        var id = SpiffeId.Parse("spiffe://cluster.local/ns/default/sa/sleep");

        Assert.True(id.IsIstio);
        Assert.Equal("default", id.Namespace);
        Assert.Equal("sleep", id.ServiceAccount);
        Assert.Equal("cluster.local/ns/default/sa/sleep", id.AuthzPrincipalForm);
        Assert.Equal("spiffe://cluster.local/ns/default/sa/sleep", id.ToString());
        Assert.Equal(id, SpiffeId.Parse(id.ToString()));
    }

    [Fact]
    public void SpiffeId_ParseInvalid_ThrowsWithReason()
    {
        var ex = Assert.Throws<FormatException>(() => SpiffeId.Parse("spiffe://td/"));
        Assert.Contains(nameof(SpiffeIdError.TrailingSlash), ex.Message);
        Assert.False(SpiffeId.TryParse("SPIFFE://td/p", out var id, out var error));
        Assert.Null(id);
        Assert.Equal(SpiffeIdError.WrongScheme, error);
    }

    [Fact]
    public void TryParse_RandomMutations_MatchesGoSpiffeReference()
    {
        // A byte-by-byte port of go-spiffe FromString/ValidatePath is the oracle for kind and offset (fixed seed).
        string[] seeds = ["spiffe://cluster.local/ns/default/sa/web", "spiffe://td/a/b.c/..d", "spiffe://t", "spiffe://td/."];
        var alphabet = Encoding.ASCII.GetBytes("/./:@%?#Aa-_;\\ 9");
        var random = new Random(7);
        for (int iteration = 0; iteration < 20000; iteration++)
        {
            var bytes = new List<byte>(Bytes(seeds[random.Next(seeds.Length)]));
            for (int e = random.Next(1, 4); e > 0; e--)
            {
                int position = random.Next(bytes.Count + 1);
                if (random.Next(2) == 0 || position == bytes.Count)
                {
                    bytes.Insert(position, alphabet[random.Next(alphabet.Length)]);
                }
                else
                {
                    bytes[position] = alphabet[random.Next(alphabet.Length)];
                }
            }

            byte[] id = [.. bytes];
            var (ok, kind, expectedOffset) = GoSpiffeReference(id);
            bool actual = SpiffeIdParser.TryParse(id, out _, out var error, out int offset);
            var shown = Encoding.ASCII.GetString(id);
            Assert.True(ok == actual, $"{shown}: reference {kind}, parser {error}");
            if (!ok)
            {
                Assert.True(expectedOffset == offset, $"{shown}: reference {kind} at {expectedOffset}, parser {error} at {offset}");
                Assert.True(kind == Kind(error, id, offset), $"{shown}: reference {kind}, parser {error}");
            }
        }
    }

    private static string Kind(SpiffeIdError error, byte[] id, int offset) => error switch
    {
        SpiffeIdError.Empty => "empty",
        SpiffeIdError.WrongScheme => "scheme",
        SpiffeIdError.MissingTrustDomain => "td_missing",
        SpiffeIdError.EmptySegment => "empty_seg",
        SpiffeIdError.DotSegment => "dot_seg",
        SpiffeIdError.TrailingSlash => "trailing",
        _ => id.AsSpan(9, offset - 9).Contains((byte)'/') ? "path_char" : "td_char",
    };

    private static (bool Ok, string Kind, int Offset) GoSpiffeReference(byte[] id)
    {
        static bool Td(byte c) => c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'_';
        static bool Seg(byte c) => Td(c) || c is >= (byte)'A' and <= (byte)'Z';

        if (id.Length == 0)
        {
            return (false, "empty", 0);
        }

        if (!id.AsSpan().StartsWith("spiffe://"u8))
        {
            return (false, "scheme", 0);
        }

        int i = 9;
        for (; i < id.Length && id[i] != (byte)'/'; i++)
        {
            if (!Td(id[i]))
            {
                return (false, "td_char", i);
            }
        }

        if (i == 9)
        {
            return (false, "td_missing", 9);
        }

        int segmentStart = i;
        for (int j = i + 1; j <= id.Length; j++)
        {
            if (j == id.Length || id[j] == (byte)'/')
            {
                int length = j - segmentStart - 1;
                bool dots = length is 1 or 2 && id.AsSpan(segmentStart + 1, length).Trim((byte)'.').IsEmpty;
                if (length == 0)
                {
                    return (false, j == id.Length ? "trailing" : "empty_seg", segmentStart + 1);
                }

                if (dots)
                {
                    return (false, "dot_seg", segmentStart + 1);
                }

                segmentStart = j;
                continue;
            }

            if (!Seg(id[j]))
            {
                return (false, "path_char", j);
            }
        }

        return (true, "", -1);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes, Range range) => Encoding.ASCII.GetString(bytes.AsSpan()[range]);
}
