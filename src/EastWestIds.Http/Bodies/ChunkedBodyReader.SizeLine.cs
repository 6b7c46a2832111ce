using System.Buffers;
using System.Runtime.CompilerServices;
using EastWestIds.Http.Http1;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Bodies;

// chunk-size [ chunk-ext ] CRLF (RFC 9112 §7.1, §7.1.1).
internal partial struct ChunkedBodyReader
{
    private const int StackScratchBytes = 256;

    private ParseStatus ReadSizeLine(ref SequenceReader<byte> reader, int maxLineBytes, out RequestRejectionReason reason)
    {
        ReadOnlySpan<byte> span = reader.UnreadSpan;
        int lineFeed = span[..Math.Min(span.Length, maxLineBytes)].IndexOf(ByteLF);
        if (lineFeed > 0 && span[lineFeed - 1] == ByteCR)
        {
            reason = ParseChunkLine(span[..(lineFeed - 1)], out long size);
            if (reason != RequestRejectionReason.None)
            {
                return ParseStatus.Rejected;
            }

            reader.Advance(lineFeed + 1);
            StartChunk(size);
            return ParseStatus.Complete;
        }

        return ReadSizeLineSegmented(ref reader, maxLineBytes, out reason);
    }

    /// <summary>The line is incomplete, too long, ends in a bare LF, or crosses segments.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseStatus ReadSizeLineSegmented(ref SequenceReader<byte> reader, int maxLineBytes, out RequestRejectionReason reason)
    {
        SequenceReader<byte> probe = reader;
        switch (HttpLineScanner.ScanLine(ref probe, maxLineBytes, out long lineLength))
        {
            case LineScan.Found:
                break;
            case LineScan.NeedMore:
                // A size line that does not start with a hex digit will never be valid: refuse it now.
                reason = reader.TryPeek(out byte first) && !HexDigits.Contains(first)
                    ? RequestRejectionReason.InvalidChunkSize
                    : RequestRejectionReason.None;
                return reason == RequestRejectionReason.None ? ParseStatus.Incomplete : ParseStatus.Rejected;
            case LineScan.TooLong:
                reason = RequestRejectionReason.InvalidChunkSize;
                return ParseStatus.Rejected;
            default:
                // chunk-size LF: a well-known desync between parsers that accept bare LF and those that do not. A
                // line that does not start with a hex digit is refused for that first, as it is while incomplete
                // (above), so the reason does not depend on whether the LF came in the same read (found by fuzzing).
                reason = reader.TryPeek(out byte start) && !HexDigits.Contains(start)
                    ? RequestRejectionReason.InvalidChunkSize
                    : RequestRejectionReason.BareLineFeed;
                return ParseStatus.Rejected;
        }

        ReadOnlySequence<byte> line = reader.Sequence.Slice(reader.Position, lineLength - 2);
        long size;
        if (line.IsSingleSegment)
        {
            reason = ParseChunkLine(line.FirstSpan, out size);
        }
        else
        {
            int length = (int)line.Length;
            byte[]? rented = null;
            Span<byte> scratch = length <= StackScratchBytes
                ? stackalloc byte[StackScratchBytes]
                : (rented = ArrayPool<byte>.Shared.Rent(length));
            line.CopyTo(scratch);
            reason = ParseChunkLine(scratch[..length], out size);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (reason != RequestRejectionReason.None)
        {
            return ParseStatus.Rejected;
        }

        reader.Advance(lineLength);
        StartChunk(size);
        return ParseStatus.Complete;
    }

    /// <summary>Parses <c>chunk-size [ chunk-ext ]</c> (CRLF removed).</summary>
    internal static RequestRejectionReason ParseChunkLine(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        int digits = line.IndexOfAnyExcept(HexDigits);
        if (digits < 0)
        {
            digits = line.Length;
        }

        if (digits == 0)
        {
            return RequestRejectionReason.InvalidChunkSize;
        }

        foreach (byte b in line[..digits])
        {
            // RFC 9112 §7.1: "recipients MUST anticipate potentially large hexadecimal numerals and prevent
            // parsing errors due to integer conversion overflows". Leading zeros are harmless.
            if (size > (long.MaxValue >> 4))
            {
                return RequestRejectionReason.InvalidChunkSize;
            }

            size = (size << 4) | (long)HexValue(b);
        }

        return digits == line.Length ? RequestRejectionReason.None : ParseExtensions(line[digits..]);
    }

    /// <summary>
    /// <c>chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )</c> (RFC 9112 §7.1.1), where
    /// chunk-ext-val is a token or a quoted-string. Extensions are validated and skipped; nobody uses them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason ParseExtensions(ReadOnlySpan<byte> rest)
    {
        int i = SkipWhitespace(rest, 0);
        if (i == rest.Length || rest[i] != ByteSemicolon)
        {
            // "5x", "5 ", "0x5": the size itself is not a chunk-size.
            return RequestRejectionReason.InvalidChunkSize;
        }

        while (true)
        {
            i = SkipWhitespace(rest, i + 1);
            int nameLength = TokenLength(rest, i);
            if (nameLength == 0)
            {
                return RequestRejectionReason.InvalidChunkExtension;
            }

            i += nameLength;
            int next = SkipWhitespace(rest, i);
            if (next < rest.Length && rest[next] == ByteEquals)
            {
                i = SkipWhitespace(rest, next + 1);
                int valueLength = i < rest.Length && rest[i] == ByteQuote ? QuotedStringLength(rest[i..]) : TokenLength(rest, i);
                if (valueLength <= 0)
                {
                    return RequestRejectionReason.InvalidChunkExtension;
                }

                i += valueLength;
                next = SkipWhitespace(rest, i);
            }

            if (next == rest.Length)
            {
                // BWS is only allowed before ";" and "=", not at the end of the line.
                return next == i ? RequestRejectionReason.None : RequestRejectionReason.InvalidChunkExtension;
            }

            if (rest[next] != ByteSemicolon)
            {
                return RequestRejectionReason.InvalidChunkExtension;
            }

            i = next;
        }
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> span, int i)
    {
        while ((uint)i < (uint)span.Length && IsWhitespace(span[i]))
        {
            i++;
        }

        return i;
    }

    private static int TokenLength(ReadOnlySpan<byte> span, int start)
    {
        int length = span[start..].IndexOfAnyExcept(Token);
        return length < 0 ? span.Length - start : length;
    }

    /// <summary>Length of a quoted-string (RFC 9110 §5.6.4) at the start of <paramref name="span"/>, or -1.</summary>
    private static int QuotedStringLength(ReadOnlySpan<byte> span)
    {
        int i = 1;
        while (true)
        {
            int stop = span[i..].IndexOfAny(QuotedTextStop);
            if (stop < 0)
            {
                return -1;
            }

            i += stop;
            if (span[i] == ByteQuote)
            {
                return i + 1;
            }

            // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text ); a CTL can be neither quoted nor escaped.
            if (span[i] != ByteBackslash || i + 1 >= span.Length || FieldValueForbidden.Contains(span[i + 1]))
            {
                return -1;
            }

            i += 2;
        }
    }
}
