using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

// The request line: request-line = method SP request-target SP HTTP-version (RFC 9112 §3).
public sealed partial class Http1RequestParser
{
    private const ulong Http11Bytes = 0x312E312F50545448; // "HTTP/1.1" little-endian
    private const ulong Http10Bytes = 0x302E312F50545448; // "HTTP/1.0" little-endian

    /// <summary>Validates the request line (CRLF removed) and calls <see cref="IHttpRequestHandler.OnStartLine"/>.</summary>
    private static RequestRejectionReason ProcessRequestLine<THandler>(ReadOnlySpan<byte> line, ref THandler handler, out HttpVersion version)
        where THandler : struct, IHttpRequestHandler
    {
        version = HttpVersion.Unknown;

        // method = token (RFC 9110 §9.1), case-sensitive, any token accepted.
        int methodEnd = line.IndexOfAnyExcept(Token);
        if (methodEnd <= 0 || line[methodEnd] != ByteSpace)
        {
            return RejectMethod(line, methodEnd);
        }

        // RFC 9112 §3: exactly one SP between the parts. The version is after the last SP, so an SP inside the
        // target shows up as a target problem, not as a bad version.
        int lastSpace = line.LastIndexOf(ByteSpace);
        if (lastSpace == methodEnd)
        {
            return RequestRejectionReason.InvalidRequestLine;
        }

        ReadOnlySpan<byte> method = line[..methodEnd];
        ReadOnlySpan<byte> target = line[(methodEnd + 1)..lastSpace];
        ReadOnlySpan<byte> versionBytes = line[(lastSpace + 1)..];
        version = ParseVersion(versionBytes);
        if (version == HttpVersion.Unknown)
        {
            return RejectVersion(versionBytes);
        }

        if (target.IsEmpty || target[0] == ByteSpace || target[^1] == ByteSpace)
        {
            return RequestRejectionReason.InvalidRequestLine;
        }

        // RFC 9112 §3.2: the target is visible ASCII; CTLs, SP, and raw bytes >= 0x80 have no place in it.
        if (target.IndexOfAnyExcept(VisibleAscii) >= 0)
        {
            return RequestRejectionReason.InvalidRequestTarget;
        }

        if (!TryClassifyTarget(method, target, out RequestTargetForm form))
        {
            return RequestRejectionReason.InvalidRequestTarget;
        }

        handler.OnStartLine(method, target, version, form);
        return RequestRejectionReason.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static HttpVersion ParseVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length != 8)
        {
            return HttpVersion.Unknown;
        }

        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(version);
        return value == Http11Bytes ? HttpVersion.Http11 : value == Http10Bytes ? HttpVersion.Http10 : HttpVersion.Unknown;
    }

    /// <summary>RFC 9112 §3.2: which of the four forms the target is, and whether it fits the method.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryClassifyTarget(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, out RequestTargetForm form)
    {
        if (target[0] == ByteSlash)
        {
            form = RequestTargetForm.Origin;

            // §3.2.3: CONNECT takes only the authority-form.
            return !method.SequenceEqual("CONNECT"u8);
        }

        return TryClassifyUncommonTarget(method, target, out form);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryClassifyUncommonTarget(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, out RequestTargetForm form)
    {
        if (method.SequenceEqual("CONNECT"u8))
        {
            form = RequestTargetForm.Authority;
            return IsAuthorityForm(target);
        }

        if (target.Length == 1 && target[0] == ByteAsterisk)
        {
            // §3.2.4: the asterisk-form is only for a server-wide OPTIONS.
            form = RequestTargetForm.Asterisk;
            return method.SequenceEqual("OPTIONS"u8);
        }

        form = RequestTargetForm.Absolute;
        return IsAbsoluteForm(target);
    }

    /// <summary>§3.2.2: <c>scheme "://" authority ...</c>; an empty authority is invalid (RFC 9110 §4.2.1).</summary>
    private static bool IsAbsoluteForm(ReadOnlySpan<byte> target)
    {
        int colon = target.IndexOf(ByteColon);
        if (colon <= 0 || !char.IsAsciiLetter((char)target[0]) || target[1..colon].IndexOfAnyExcept(SchemeCharacters) >= 0)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = target[colon..];
        return rest.StartsWith("://"u8) && rest.Length > 3 && rest[3] is not (ByteSlash or (byte)'?' or (byte)'#');
    }

    /// <summary>§3.2.3: <c>uri-host ":" port</c>, a non-empty host and a decimal port, nothing else.</summary>
    private static bool IsAuthorityForm(ReadOnlySpan<byte> target)
    {
        int colon = target.LastIndexOf(ByteColon);
        if (colon <= 0 || colon == target.Length - 1)
        {
            return false;
        }

        return target[..colon].IndexOfAnyExcept(HostCharacters) < 0
            && target[(colon + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason RejectMethod(ReadOnlySpan<byte> line, int methodEnd)
    {
        // No non-token byte at all (no SP): the line has no shape.
        return methodEnd < 0 ? RequestRejectionReason.InvalidRequestLine : RejectMethodAt(line[methodEnd]);
    }

    /// <summary>Why a line whose first word stops at <paramref name="stop"/> (a byte that is no tchar) is refused.</summary>
    private static RequestRejectionReason RejectMethodAt(byte stop) =>
        // The line starts with whitespace: it has no shape. Any other byte that is neither tchar nor SP inside
        // the first word: binary (a TLS ClientHello on the plain port) or a forged method.
        stop is ByteSpace or ByteTab ? RequestRejectionReason.InvalidRequestLine : RequestRejectionReason.InvalidMethod;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason RejectVersion(ReadOnlySpan<byte> version)
    {
        // RFC 9112 §2.3: "HTTP/" DIGIT "." DIGIT is a version we understand the shape of but do not speak
        // (505); anything else is not a request line.
        return version.Length == 8 && version.StartsWith("HTTP/"u8) && char.IsAsciiDigit((char)version[5])
            && version[6] == (byte)'.' && char.IsAsciiDigit((char)version[7])
            ? RequestRejectionReason.UnsupportedHttpVersion
            : RequestRejectionReason.InvalidRequestLine;
    }
}
