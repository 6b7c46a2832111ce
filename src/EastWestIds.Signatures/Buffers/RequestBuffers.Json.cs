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
    private void ScanJson(ReadOnlySpan<byte> body, int start)
    {
        _jsonQueryKey = false;
        int i = start;
        while (i < body.Length)
        {
            // Between tokens there are usually one or two bytes (":", "\",\""): a scalar loop beats a vectorized call.
            int scalarLimit = Math.Min(body.Length, i + 8);
            while (i < scalarLimit && IsJsonStructure(body[i]))
            {
                i++;
            }

            if (i == scalarLimit)
            {
                int skip = body[i..].IndexOfAnyExcept(JsonStructure);
                if (skip < 0)
                {
                    return;
                }

                i += skip;
            }

            if (body[i] == (byte)'"')
            {
                ScanJsonString(body, ref i);
            }
            else
            {
                ScanJsonBareToken(body, ref i);
            }
        }
    }

    private void ScanJsonString(ReadOnlySpan<byte> body, ref int i)
    {
        int close = ClosingQuote(body, i + 1, out bool special);
        int contentEnd = close < 0 ? body.Length : close;
        if (close < 0 && !Request.BodyTruncated)
        {
            _anomalies |= DecodingAnomalies.MalformedJson;
        }

        int next = close < 0 ? body.Length : close + 1;
        byte following = next < body.Length && !IsJsonWhitespace(body[next]) ? body[next] : NextSignificant(body, next);
        SegmentList list = following == (byte)':' ? ArgNames : Args;
        int start = i + 1;
        i = next;
        if (_jsonQueryKey)
        {
            _jsonQueryKey = false;
            if (following != (byte)':' && AddEncodedGraphQl(_bodySource, body, start, contentEnd - start, ValueDecoding.Json))
            {
                return;
            }
        }

        if (contentEnd - start == 5 && following == (byte)':')
        {
            _jsonQueryKey = IsQueryName(body.Slice(start, 5));
        }

        if (special)
        {
            AddValue(list, _bodySource, body, start, contentEnd - start, ValueDecoding.Json);
        }
        else
        {
            AddReference(list, _bodySource, start, contentEnd - start);
        }
    }

    private void ScanJsonBareToken(ReadOnlySpan<byte> body, ref int i)
    {
        int tokenLength = body[i..].IndexOfAny(JsonDelimiters);
        int end = tokenLength < 0 ? body.Length : i + tokenLength;
        if (!IsJsonScalar(body[i..end]))
        {
            _anomalies |= DecodingAnomalies.MalformedJson;
        }

        int start = i;
        i = end;
        _jsonQueryKey = false;
        AddValue(Args, _bodySource, body, start, end - start, ValueDecoding.None);
    }

    private static bool IsJsonStructure(byte b) =>
        b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)':' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}';

    private static bool IsJsonWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static readonly System.Buffers.SearchValues<byte> JsonStructure = System.Buffers.SearchValues.Create(" \t\r\n,:[]{}"u8);

    private static readonly System.Buffers.SearchValues<byte> JsonDelimiters = System.Buffers.SearchValues.Create(" \t\r\n,:[]{}\""u8);

    private static readonly System.Buffers.SearchValues<byte> JsonWhitespace = System.Buffers.SearchValues.Create(" \t\r\n"u8);

    private static readonly System.Buffers.SearchValues<byte> JsonNumberBytes = System.Buffers.SearchValues.Create("0123456789+-.eE"u8);

    // Index of the quote closing a string whose content starts at 'from', skipping escapes; -1 if unterminated.
    // 'special' is set when the content has an escape or a NUL, i.e. cannot be referenced as is.
    private static int ClosingQuote(ReadOnlySpan<byte> s, int from, out bool special)
    {
        special = false;
        int i = from;
        while (i < s.Length)
        {
            int k = s[i..].IndexOfAny((byte)'"', (byte)'\\', (byte)0);
            if (k < 0)
            {
                return -1;
            }

            i += k;
            if (s[i] == (byte)'"')
            {
                return i;
            }

            special = true;
            i += s[i] == 0 ? 1 : 2; // skip a NUL, or the escaped byte
        }

        return -1;
    }

    private static byte NextSignificant(ReadOnlySpan<byte> s, int from)
    {
        int k = s[from..].IndexOfAnyExcept(JsonWhitespace);
        return k < 0 ? (byte)0 : s[from + k];
    }

    private static bool IsJsonScalar(ReadOnlySpan<byte> token)
    {
        if (token.SequenceEqual("true"u8) || token.SequenceEqual("false"u8) || token.SequenceEqual("null"u8))
        {
            return true;
        }

        // RFC 8259 number, checked loosely: sign, digits, one '.', exponent.
        return token.Length > 0 && token.IndexOfAnyExcept(JsonNumberBytes) < 0 && (uint)(token[^1] - '0') <= 9;
    }
}
