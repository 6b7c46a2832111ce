using System.Text;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Identity.Tests.Xfcc;

public class XfccParserTests
{
    // DESIGN.md "What a mirrored request looks like" (its Hash is abbreviated there; any value parses).
    internal const string DesignExample =
        "By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c...4df;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    internal const string TypicalIstio =
        "By=spiffe://cluster.local/ns/ids/sa/eastwestids;Hash=20afebed6da091c850264cc751b8c9306abac02993f80bdb76282237422bd098;Subject=\"\";URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage";

    private static readonly string[] s_seeds =
    [
        DesignExample,
        TypicalIstio,
        "By=test;DNS=example.com,By=test;URI=\"a,b,c;\\\"e;f;g=x\";DNS=example.com",
        "Hash=hash;Cert=\"-----BEGIN%20CERTIFICATE-----%0cert%0A\";Subject=\"CN=hello,OU=hello,O=Acme\\, Inc.\";DNS=a.example.com,By=spiffe://m/ns/a/sa/b;Hash=again;Subject=\"\";URI=spiffe://m/ns/o/sa/o;SAN=spiffe://m/x",
        "By=a;URI=\"\\\\\\\"\";Subject=\"x\\\\y\"",
        " by = x ; uri = \"spiffe://td/p\" , HASH=1;URI=",
    ];

    [Fact]
    public void Summarize_DesignExample_DescribesCaller()
    {
        var header = Bytes(DesignExample);
        var summary = XfccParser.Summarize(header);

        Assert.True(summary.IsValid);
        Assert.Equal(1, summary.ElementCount);
        Assert.True(summary.HasSingleCaller);
        Assert.Equal("spiffe://cluster.local/ns/default/sa/bookinfo-productpage", Text(header, summary.LastUri));
        Assert.Equal("spiffe://cluster.local/ns/default/sa/default", Text(header, summary.LastBy));
        Assert.Equal(1, summary.LastByCount);
        Assert.Equal("e40c...4df", Text(header, summary.LastHash));
        Assert.True(summary.LastHasHash);
        Assert.Equal("", Text(header, summary.LastSubject));
        Assert.Equal(0, summary.LastDnsCount);
        Assert.False(summary.LastUsesLegacySan);
        Assert.False(summary.LastHasEscapes);
    }

    [Fact]
    public void Summarize_TwoElements_DescribesOnlyTheLast()
    {
        var header = Bytes("By=spiffe://a/x;Hash=1;URI=spiffe://a/forged;DNS=d,By=spiffe://a/sink;Hash=2;URI=spiffe://a/real");
        var summary = XfccParser.Summarize(header);

        Assert.Equal(2, summary.ElementCount);
        Assert.Equal("spiffe://a/real", Text(header, summary.LastUri));
        Assert.Equal("spiffe://a/sink", Text(header, summary.LastBy));
        Assert.Equal("2", Text(header, summary.LastHash));
        Assert.Equal(0, summary.LastDnsCount);
    }

    [Fact]
    public void Summarize_EscapedQuotesInUri_FlagsEscapesAndKeepsRawRange()
    {
        var header = Bytes("By=test;DNS=example.com,By=test;URI=\"a,b,c;\\\"e;f;g=x\";DNS=example.com");
        var summary = XfccParser.Summarize(header);

        Assert.Equal(2, summary.ElementCount);
        Assert.True(summary.LastHasEscapes);
        Assert.Equal("a,b,c;\\\"e;f;g=x", Text(header, summary.LastUri));
        Assert.Equal("a,b,c;\"e;f;g=x", XfccParser.Parse(Encoding.UTF8.GetString(header))[^1].Uri[0]);
    }

    [Theory]
    [InlineData("URI=\"\\\\\"", "\\")]
    [InlineData("URI=\"\\\\\\\"\"", "\\\"")]
    [InlineData("Subject=\"O=Acme\\, Inc.\"", "O=Acme\\, Inc.")]  // RFC 2253 escape kept, as Envoy does (§2.1)
    [InlineData("Subject=\"a\\b\"", "a\\b")]                      // any other backslash kept
    [InlineData("Subject=\"ends with \\\\\"", "ends with \\")]
    public void Parse_QuotedValue_UnescapesOnlyQuoteAndBackslash(string header, string expected)
    {
        var element = XfccParser.Parse(header)[0];
        Assert.Equal(expected, element.Uri.Count > 0 ? element.Uri[0] : element.Subject);
    }

    [Fact]
    public void Parse_BareValueWithBackslash_KeptAsWritten()
    {
        Assert.Equal("a\\\\b", XfccParser.Parse("By=a\\\\b")[0].By[0]);
        Assert.False(XfccParser.Summarize(Bytes("By=a\\\\b")).LastHasEscapes);
    }

    [Fact]
    public void Summarize_LegacySan_CountsAsUriAndFlags()
    {
        var header = Bytes("BY=spiffe://lyft.com/frontend;Hash=123456;SAN=spiffe://lyft.com/testclient");
        var summary = XfccParser.Summarize(header);

        Assert.True(summary.LastUsesLegacySan);
        Assert.Equal(1, summary.LastUriCount);
        Assert.Equal("spiffe://lyft.com/testclient", Text(header, summary.LastUri));
        Assert.True(XfccParser.Parse(Encoding.UTF8.GetString(header))[0].UsesLegacySan);
    }

    [Fact]
    public void Summarize_LegacySanOnlyInEarlierElement_NotFlaggedForLast()
    {
        var summary = XfccParser.Summarize(Bytes("SAN=spiffe://a/b,URI=spiffe://a/c"));
        Assert.False(summary.LastUsesLegacySan);
    }

    [Fact]
    public void Summarize_SeveralUris_CountsAllAndPointsAtFirst()
    {
        var header = Bytes("By=spiffe://c/ns/ids/sa/e;Hash=00;Subject=\"\";URI=spiffe://c/ns/app/sa/web;URI=spiffe://c/ns/kube-system/sa/admin");
        var summary = XfccParser.Summarize(header);

        Assert.Equal(2, summary.LastUriCount);
        Assert.False(summary.HasSingleCaller);
        Assert.Equal("spiffe://c/ns/app/sa/web", Text(header, summary.LastUri));
    }

    [Fact]
    public void Summarize_SanAndUriTogether_CountsBoth()
    {
        var summary = XfccParser.Summarize(Bytes("URI=spiffe://a/b;SAN=spiffe://a/c"));
        Assert.Equal(2, summary.LastUriCount);
        Assert.True(summary.LastUsesLegacySan);
    }

    [Theory]
    [InlineData("By=spiffe://a/b;Hash=1;URI=")]
    [InlineData("By=spiffe://a/b;URI= ;URI=\"\"")]
    public void Summarize_EmptyUri_CountsAsAbsent(string header)
    {
        var summary = XfccParser.Summarize(Bytes(header));
        Assert.True(summary.IsValid);
        Assert.Equal(0, summary.LastUriCount);
        Assert.Empty(XfccParser.Parse(header)[0].Uri);
    }

    [Fact]
    public void Summarize_WhitespaceAndKeyCase_TrimmedAndIgnored()
    {
        var header = Bytes(" bY = spiffe://a/sink ;\tuRi = \"spiffe://a/caller\" ; hash=ab ");
        var summary = XfccParser.Summarize(header);

        Assert.True(summary.IsValid);
        Assert.Equal("spiffe://a/caller", Text(header, summary.LastUri));
        Assert.Equal("spiffe://a/sink", Text(header, summary.LastBy));
        Assert.Equal("ab", Text(header, summary.LastHash));
    }

    [Fact]
    public void Summarize_SingleValuedKeyInTwoElements_IsNotADuplicate()
    {
        var summary = XfccParser.Summarize(Bytes("Hash=a;Subject=\"x\",Hash=b;Subject=\"y\""));
        Assert.True(summary.IsValid);
        Assert.Equal(2, summary.ElementCount);
    }

    [Fact]
    public void Summarize_QuotedSeparators_DoNotSplit()
    {
        var header = Bytes("Subject=\"CN=a,OU=b;c\";Cert=\"x=y\";URI=spiffe://a/b");
        var summary = XfccParser.Summarize(header);

        Assert.Equal(1, summary.ElementCount);
        Assert.Equal("CN=a,OU=b;c", Text(header, summary.LastSubject));
        Assert.Equal("x=y", XfccParser.Parse(Encoding.UTF8.GetString(header))[0].Cert);
    }

    [Theory]
    [InlineData("", XfccError.Empty)]
    [InlineData(" \t ", XfccError.Empty)]
    [InlineData("By=a,,By=b", XfccError.EmptyElement)]
    [InlineData("By=a,", XfccError.EmptyElement)]
    [InlineData(",By=a", XfccError.EmptyElement)]
    [InlineData("By=a, ,By=b", XfccError.EmptyElement)]
    [InlineData("By=a;", XfccError.EmptyPair)]
    [InlineData("By=a;;Hash=b", XfccError.EmptyPair)]
    [InlineData(";By=a", XfccError.EmptyPair)]
    [InlineData("Hash", XfccError.MissingEquals)]
    [InlineData("Hash=;Hash", XfccError.MissingEquals)]
    [InlineData("=x", XfccError.EmptyKey)]
    [InlineData(" =x", XfccError.EmptyKey)]
    [InlineData("unknown=hello", XfccError.UnknownKey)]
    [InlineData("By=a;Email=x", XfccError.UnknownKey)]
    [InlineData("\"By\"=a", XfccError.UnknownKey)]
    [InlineData("Hash=a;Hash=b", XfccError.DuplicateKey)]
    [InlineData("Subject=\"\";Subject=\"x\"", XfccError.DuplicateKey)]
    [InlineData("cert=a;CERT=b", XfccError.DuplicateKey)]
    [InlineData("Chain=a;Chain=a", XfccError.DuplicateKey)]
    [InlineData("By=test;URI=\"abc;DNS=example.com", XfccError.UnbalancedQuotes)]
    [InlineData("URI=\"abc\\\"", XfccError.UnbalancedQuotes)]
    [InlineData("Foo=bar;URI=\"abc", XfccError.UnbalancedQuotes)]  // unbalanced wins over an earlier error
    [InlineData("Hash=a;Hash=b,URI=\"x", XfccError.UnbalancedQuotes)]
    [InlineData("URI=a\"b\"c", XfccError.MisplacedQuote)]
    [InlineData("Subject=\"a\"b\"c\"", XfccError.MisplacedQuote)]
    [InlineData("URI=a\\\"b", XfccError.MisplacedQuote)]
    [InlineData("Subject=\"x\"\\\"", XfccError.MisplacedQuote)]
    [InlineData("Subject=\"a\" \"b\"", XfccError.MisplacedQuote)]
    public void Summarize_Malformed_RejectsWholeHeader(string header, XfccError expected)
    {
        var summary = XfccParser.Summarize(Bytes(header));

        Assert.Equal(expected, summary.Error);
        Assert.Equal(default(XfccSummary) with { Error = expected }, summary);
        Assert.False(XfccParser.TryParse(header, out _, out var error));
        Assert.Equal(expected, error);
        var ex = Assert.Throws<XfccFormatException>(() => XfccParser.Parse(header));
        Assert.Equal(expected, ex.Error);
    }

    [Theory]
    [InlineData("URI=a=b", "a=b")]          // split at the first '=' only (Envoy does not escape URI SANs)
    [InlineData("Subject=\"random=hello\"", null)]
    [InlineData("Subject=\"random\"", null)]
    public void Parse_ValueWithEquals_Accepted(string header, string? uri)
    {
        var element = XfccParser.Parse(header)[0];
        Assert.Equal(uri, element.SingleUri);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => XfccParser.Parse((string)null!));
        Assert.Throws<ArgumentNullException>(() => XfccParser.TryParse((string)null!, out _, out _));
    }

    [Fact]
    public void Summarize_EveryPrefixOfSeeds_AgreesWithParse()
    {
        foreach (var seed in s_seeds)
        {
            var bytes = Bytes(seed);
            for (int length = 0; length <= bytes.Length; length++)
            {
                AssertAgree(bytes[..length]);
            }
        }
    }

    [Fact]
    public void Summarize_RandomMutationsOfSeeds_AgreesWithParse()
    {
        // Fixed seed: a failure reproduces. The alphabet is the grammar's own delimiters plus key letters.
        var random = new Random(20240601);
        var alphabet = Bytes(",;=\"\\ \tURIByHashSANDNSubjectx");
        int valid = 0;
        for (int iteration = 0; iteration < 20000; iteration++)
        {
            var bytes = new List<byte>(Bytes(s_seeds[random.Next(s_seeds.Length)]));
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                int position = random.Next(bytes.Count + 1);
                switch (random.Next(3))
                {
                    case 0:
                        bytes.Insert(position, alphabet[random.Next(alphabet.Length)]);
                        break;
                    case 1 when position < bytes.Count:
                        bytes.RemoveAt(position);
                        break;
                    default:
                        if (position < bytes.Count)
                        {
                            bytes[position] = alphabet[random.Next(alphabet.Length)];
                        }

                        break;
                }
            }

            valid += AssertAgree([.. bytes]) ? 1 : 0;
        }

        Assert.InRange(valid, 100, 19900); // both outcomes were exercised
    }

    private static bool AssertAgree(byte[] header)
    {
        var summary = XfccParser.Summarize(header);
        bool ok = XfccParser.TryParse(header, out var elements, out var error);
        XfccAssert.Agree(header, summary, ok, elements, error);
        return ok;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] header, Range range) => Encoding.UTF8.GetString(header.AsSpan()[range]);
}
