using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// A tolerant JSON scanner for arguments: it does not build a tree or track depth (so deep nesting costs nothing
/// and cannot overflow anything); it reads tokens, and a string followed by <c>:</c> is a key. Anything that is not
/// JSON flags <see cref="DecodingAnomalies.MalformedJson"/> but scanning goes on, so a payload after a syntax error
/// (a favourite trick against strict parsers that give up) is still inspected. An unterminated string at the end of
/// a truncated body is expected and not flagged.
/// </summary>
public sealed partial class RequestBuffers
{
    private void ScanJson(ReadOnlySpan<byte> body)
    {
        int i = 0;
        while (i < body.Length)
        {
            byte b = body[i];
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':'
                    or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}':
                    i++;
                    continue;
                case (byte)'"':
                    int close = ClosingQuote(body, i + 1);
                    int contentEnd = close < 0 ? body.Length : close;
                    if (close < 0 && !Request.BodyTruncated)
                    {
                        _anomalies |= DecodingAnomalies.MalformedJson;
                    }

                    int next = close < 0 ? body.Length : close + 1;
                    bool isKey = NextSignificant(body, next) == (byte)':';
                    if (!AddValue(isKey ? ArgNames : Args, SegmentSource.DecodedBody, body, i + 1, contentEnd - i - 1, ValueDecoding.Json))
                    {
                        return;
                    }

                    i = next;
                    continue;
                default:
                    int end = i;
                    while (end < body.Length && !IsJsonDelimiter(body[end]))
                    {
                        end++;
                    }

                    if (!IsJsonScalar(body[i..end]))
                    {
                        _anomalies |= DecodingAnomalies.MalformedJson;
                    }

                    if (!AddValue(Args, SegmentSource.DecodedBody, body, i, end - i, ValueDecoding.None))
                    {
                        return;
                    }

                    i = end;
                    continue;
            }
        }
    }

    // Index of the quote closing a string whose content starts at 'from', skipping escapes; -1 if unterminated.
    private static int ClosingQuote(ReadOnlySpan<byte> s, int from)
    {
        int i = from;
        while (i < s.Length)
        {
            int k = s[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (k < 0)
            {
                return -1;
            }

            i += k;
            if (s[i] == (byte)'"')
            {
                return i;
            }

            i += 2; // skip the escaped byte
        }

        return -1;
    }

    private static byte NextSignificant(ReadOnlySpan<byte> s, int from)
    {
        int k = s[from..].IndexOfAnyExcept(" \t\r\n"u8);
        return k < 0 ? (byte)0 : s[from + k];
    }

    private static bool IsJsonDelimiter(byte b) =>
        b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':' or (byte)'[' or (byte)']'
            or (byte)'{' or (byte)'}' or (byte)'"';

    private static bool IsJsonScalar(ReadOnlySpan<byte> token)
    {
        if (token.SequenceEqual("true"u8) || token.SequenceEqual("false"u8) || token.SequenceEqual("null"u8))
        {
            return true;
        }

        // RFC 8259 number, checked loosely: sign, digits, one '.', exponent.
        return token.Length > 0 && token.IndexOfAnyExcept("0123456789+-.eE"u8) < 0 && (uint)(token[^1] - '0') <= 9;
    }
}
