using System.Text;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Identity.Tests.Xfcc;

/// <summary>The hot-path summary must say exactly what the full parse says about the same header.</summary>
internal static class XfccAssert
{
    public static void Agree(byte[] header, XfccSummary summary, bool parsed, IReadOnlyList<XfccElement>? elements, XfccError error)
    {
        var shown = Encoding.UTF8.GetString(header);
        Assert.True(summary.Error == error, $"Summarize said {summary.Error}, Parse said {error} for: {shown}");
        Assert.Equal(summary.IsValid, parsed);
        if (!parsed)
        {
            Assert.Equal(default(XfccSummary) with { Error = error }, summary);
            return;
        }

        Assert.NotNull(elements);
        Assert.Equal(elements.Count, summary.ElementCount);
        var last = elements[^1];
        Assert.Equal(last.Uri.Count, summary.LastUriCount);
        Assert.Equal(last.By.Count, summary.LastByCount);
        Assert.Equal(last.Dns.Count, summary.LastDnsCount);
        Assert.Equal(last.UsesLegacySan, summary.LastUsesLegacySan);
        Assert.Equal(last.Hash is not null, summary.LastHasHash);
        Assert.Equal(last.Uri.Count > 0 ? last.Uri[0] : "", Decode(header, summary.LastUri, summary.LastHasEscapes));
        Assert.Equal(last.By.Count > 0 ? last.By[0] : "", Decode(header, summary.LastBy, summary.LastHasEscapes));
        Assert.Equal(last.Hash ?? "", Decode(header, summary.LastHash, summary.LastHasEscapes));
        Assert.Equal(last.Subject ?? "", Decode(header, summary.LastSubject, summary.LastHasEscapes));
        Assert.Equal(summary.LastUriCount == 1, summary.HasSingleCaller);
    }

    // The summary keeps raw ranges without quotes; a quoted value is the one with a quote on either side of its range
    // (a bare value is preceded by '=' or whitespace), and only quoted values are unescaped. LastHasEscapes must be
    // set whenever unescaping changes a value of the last element.
    private static string Decode(byte[] header, Range range, bool hasEscapes)
    {
        var (start, end) = (range.Start.Value, range.End.Value);
        bool quoted = start > 0 && end < header.Length && header[start - 1] == (byte)'"' && header[end] == (byte)'"';
        var raw = Encoding.UTF8.GetString(header.AsSpan()[range]);
        var decoded = XfccParser.DecodeValue(header.AsSpan()[range], quoted);
        Assert.True(hasEscapes || decoded == raw, $"LastHasEscapes not set although '{raw}' decodes to '{decoded}'");
        return decoded;
    }
}
