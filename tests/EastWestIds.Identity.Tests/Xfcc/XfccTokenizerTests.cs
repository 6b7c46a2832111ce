using System.Text;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Identity.Tests.Xfcc;

public class XfccTokenizerTests
{
    [Theory]
    [InlineData("by", XfccKey.By)]
    [InlineData("hash", XfccKey.Hash)]
    [InlineData("cert", XfccKey.Cert)]
    [InlineData("chain", XfccKey.Chain)]
    [InlineData("subject", XfccKey.Subject)]
    [InlineData("uri", XfccKey.Uri)]
    [InlineData("dns", XfccKey.Dns)]
    [InlineData("san", XfccKey.San)]
    public void LookupKey_EveryCaseCombination_Matches(string name, XfccKey expected)
    {
        for (int mask = 0; mask < 1 << name.Length; mask++)
        {
            var chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    chars[i] = char.ToUpperInvariant(chars[i]);
                }
            }

            Assert.Equal(expected, XfccTokenizer.LookupKey(Encoding.ASCII.GetBytes(chars)));
        }
    }

    [Fact]
    public void LookupKey_AnyByteThatIsNotTheLetter_DoesNotMatch()
    {
        // The OR-0x20 packing must not fold non-letters onto letters: try every byte in every position.
        foreach (var name in new[] { "by", "hash", "cert", "chain", "subject", "uri", "dns", "san" })
        {
            var bytes = Encoding.ASCII.GetBytes(name);
            for (int position = 0; position < bytes.Length; position++)
            {
                for (int b = 0; b < 256; b++)
                {
                    var probe = (byte[])bytes.Clone();
                    probe[position] = (byte)b;
                    bool sameLetter = char.ToLowerInvariant((char)b) == name[position] && b < 128;
                    var expected = XfccTokenizer.LookupKey(bytes);
                    Assert.Equal(sameLetter ? expected : XfccKey.None, XfccTokenizer.LookupKey(probe));
                }
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("b")]
    [InlineData("bys")]
    [InlineData("subjects")]
    [InlineData("subjec")]
    [InlineData("email")]
    public void LookupKey_OtherWords_None(string word)
    {
        Assert.Equal(XfccKey.None, XfccTokenizer.LookupKey(Encoding.ASCII.GetBytes(word)));
    }

    [Fact]
    public void Read_TypicalHeader_YieldsPairsWithElementBoundaries()
    {
        var header = Encoding.ASCII.GetBytes("By=a;Subject=\"\",Hash=h; URI = \"x\\\"y\" ");
        var tokenizer = new XfccTokenizer(header);
        var pairs = new List<(XfccKey, string, bool, bool, bool, bool)>();
        while (tokenizer.Read(out var pair))
        {
            pairs.Add((pair.Key, Encoding.ASCII.GetString(header.AsSpan()[pair.Value]), pair.IsQuoted, pair.HasEscapes, pair.StartsElement, pair.EndsElement));
        }

        Assert.Equal(XfccError.None, tokenizer.Error);
        Assert.Equal(
            [
                (XfccKey.By, "a", false, false, true, false),
                (XfccKey.Subject, "", true, false, false, true),
                (XfccKey.Hash, "h", false, false, true, false),
                (XfccKey.Uri, "x\\\"y", true, true, false, true),
            ],
            pairs);
    }
}
