using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Tests.Buffers;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>Rules on <c>http.cookie_value</c> / <c>http.cookie_name</c> see one cookie at a time, through the real buffers.</summary>
public sealed class CookieBufferMatchingTests
{
    private static RequestBuffers Cookie(string header) => BufferAssert.For(FakeRequestView.Get("/").WithHeader("Cookie", header));

    [Fact]
    public void StartsWith_IsTheStartOfEachCookiesValue_NotOfTheHeader()
    {
        var perCookie = TestEngine.Matcher(TestEngine.Rule("http.cookie_value; content:\"admin\"; startswith;"));
        var wholeHeader = TestEngine.Matcher(TestEngine.Rule("http.cookie; content:\"admin\"; startswith;"));

        Assert.Equal(1, perCookie.Inspect(Cookie("theme=dark; role=admin")));
        Assert.Equal(0, wholeHeader.Inspect(Cookie("theme=dark; role=admin")));
        Assert.Equal(0, perCookie.Inspect(Cookie("theme=dark; role=notadmin")));
    }

    [Fact]
    public void Evidence_IsInTheCookiesValue()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.cookie_value; content:\"union\"; nocase;"));

        Assert.Equal(1, matcher.Inspect(Cookie("a=1; q=1 UNION select")));
        SignatureMatch match = matcher.Matches[0];
        Assert.Equal(InspectionBuffer.HttpCookieValue, match.Buffer);
        Assert.Equal(2, match.Offset);
        Assert.Equal("UNION", match.Evidence);
    }

    [Fact]
    public void EndsWith_AndBsize_ReadOneCookie()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.cookie_value; content:\"'\"; endswith; bsize:<4;"));

        Assert.Equal(1, matcher.Inspect(Cookie("long=abcdefghij; id=1'")));
        Assert.Equal(0, matcher.Inspect(Cookie("long=abcdefghij'; id=1")));
    }

    [Fact]
    public void Pairs_HoldNameAndValue_ButNotTheNextCookie()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.cookie_pair; pcre:\"/^[^=]*java\\.lang|'\\s*\\;\\s*$/\";"));

        Assert.Equal(1, matcher.Inspect(Cookie("a=1; java.lang.Runtime=test")));
        Assert.Equal(0, matcher.Inspect(Cookie("a='; b=2")));
    }

    [Fact]
    public void Names_AreTheirOwnBuffer()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.cookie_name; content:\"__proto__\";"));

        Assert.Equal(1, matcher.Inspect(Cookie("a=1; __proto__[isAdmin]=1")));
        Assert.Equal(0, matcher.Inspect(Cookie("a=__proto__")));
    }
}
