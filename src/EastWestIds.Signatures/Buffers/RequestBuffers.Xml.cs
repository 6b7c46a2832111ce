using System.Text;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// A tolerant XML scanner for arguments: every attribute value and every text node (CDATA included) of an XML body
/// becomes an <c>http.arg</c>, entity references decoded, because that is what the service behind reads as data (a
/// SOAP parameter, an attribute its code concatenates into a query). Like the JSON scanner it builds no tree and
/// tracks no depth; comments, processing instructions and declarations are skipped, and malformed markup just
/// ends the scan where it stops making sense, never fails it.
/// </summary>
public sealed partial class RequestBuffers
{
    private void ScanXml(ReadOnlySpan<byte> body, int from)
    {
        int i = from;
        while (i < body.Length)
        {
            int lt = body[i..].IndexOf((byte)'<');
            int textEnd = lt < 0 ? body.Length : i + lt;
            AddXmlValue(body, i, textEnd);
            if (lt < 0)
            {
                return;
            }

            i = textEnd + 1;
            ReadOnlySpan<byte> rest = body[i..];
            if (rest.StartsWith("![CDATA["u8))
            {
                int start = i + 8;
                int close = body[start..].IndexOf("]]>"u8);
                int end = close < 0 ? body.Length : start + close;
                if (end > start)
                {
                    AddValue(Args, _bodySource, body, start, end - start, ValueDecoding.None);
                }

                i = close < 0 ? body.Length : end + 3;
            }
            else if (rest.StartsWith("!--"u8))
            {
                int close = rest.IndexOf("-->"u8);
                i = close < 0 ? body.Length : i + close + 3;
            }
            else if (!rest.IsEmpty && rest[0] is (byte)'?' or (byte)'!' or (byte)'/')
            {
                int close = rest.IndexOf((byte)'>');
                i = close < 0 ? body.Length : i + close + 1;
            }
            else
            {
                ScanXmlAttributes(body, ref i);
            }
        }
    }

    // Inside a start tag from its name: adds each quoted attribute value, leaves i after the closing '>'.
    private void ScanXmlAttributes(ReadOnlySpan<byte> body, ref int i)
    {
        while (i < body.Length)
        {
            int k = body[i..].IndexOfAny(XmlTagStops);
            if (k < 0)
            {
                i = body.Length;
                return;
            }

            i += k;
            if (body[i] == (byte)'>')
            {
                i++;
                return;
            }

            byte quote = body[i];
            int start = i + 1;
            int close = body[start..].IndexOf(quote);
            int end = close < 0 ? body.Length : start + close;
            AddXmlValue(body, start, end);
            i = end + 1;
        }
    }

    // A text node or attribute value: whitespace-only text (indentation) is not an argument.
    private void AddXmlValue(ReadOnlySpan<byte> body, int start, int end)
    {
        if (end <= start || body[start..end].IndexOfAnyExcept(JsonWhitespace) < 0)
        {
            return;
        }

        ReadOnlySpan<byte> raw = body[start..end];
        if (raw.IndexOf((byte)'&') < 0)
        {
            AddValue(Args, _bodySource, body, start, end - start, ValueDecoding.None);
            return;
        }

        Span<byte> space = BeginArena(raw.Length);
        int w = HtmlEntityDecoder.Decode(raw[..space.Length], space);
        FlagNul(space[..w]);
        AddReference(Args, SegmentSource.Arena, _arena.Commit(w), w);
    }

    private static readonly System.Buffers.SearchValues<byte> XmlTagStops = System.Buffers.SearchValues.Create("\"'>"u8);

    private static bool LooksLikeXml(ReadOnlySpan<byte> body) => body.TrimStart(" \t\r\n"u8).StartsWith("<?xml"u8);
}
