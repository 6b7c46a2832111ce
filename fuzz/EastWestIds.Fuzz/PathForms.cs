using System.Text;

namespace EastWestIds.Fuzz;

/// <summary>
/// Every way a client can write one request path that the server behind reads as the same path: the path is given
/// decoded (the bytes the server's router sees, <c>/</c> separating segments) and each form writes it as a
/// request-target: escaped the way a client's URL encoder escapes it, every byte escaped (upper- and lower-case hex,
/// IIS's <c>%u00XX</c>, and overlong UTF-8, which old IIS and Java decoders took for the character), escaped twice, with
/// dot segments and doubled slashes that RFC 3986 resolution removes, with backslashes (IIS) and escaped slashes for
/// separators (<c>http.uri</c> takes <c>%2F</c> for one, as most backends that accept it do), with a path parameter on
/// every segment (Tomcat, Jetty and Spring drop <c>;…</c> from each segment before they resolve dot segments), and in
/// absolute form. A literal <c>;</c>, <c>%</c>, <c>?</c> or <c>#</c> of the path is always escaped, so that only a
/// form's own separators carry meaning.
/// </summary>
internal static class PathForms
{
    /// <summary>
    /// One form: its name, whether a <c>%</c> of the path itself reaches the decoder as it does in the reference (one
    /// layer of escapes over the path; escaped twice, or as overlong UTF-8 that is shortened after decoding, the
    /// path's own escapes are decoded a different number of times), whether it adds path parameters (then the server's
    /// path is one of the request's readings, not the only one), and the request-target it writes for a decoded path
    /// that starts with <c>/</c>.
    /// </summary>
    internal sealed record Form(string Name, bool KeepsThePathsEscapes, bool AddsParameters, Func<byte[], string> Target);

    internal const string Authority = "orders.shop.svc.cluster.local:8080";

    internal static readonly Form[] All =
    [
        new("as a client encodes it", true, false, p => Join(p, "/", Minimal)),
        new("every byte escaped", true, false, p => Join(p, "/", s => Escaped(s, "X2"))),
        new("every byte escaped in lower-case hex", true, false, p => Join(p, "/", s => Escaped(s, "x2"))),
        new("ASCII in IIS %u escapes", true, false, p => Join(p, "/", PercentU)),
        new("ASCII as overlong UTF-8", false, false, p => Join(p, "/", Overlong)),
        new("escaped twice", false, false, p => Join(p, "/", s => Minimal(Encoding.ASCII.GetBytes(Escaped(s, "X2"))))),
        new("with ./ before every segment", true, false, p => Join(p, "/./", Minimal)),
        new("with x/../ before every segment", true, false, p => Join(p, "/x/../", Minimal)),
        new("with doubled slashes", true, false, p => Join(p, "//", Minimal)),
        new("with backslashes", true, false, p => "/" + Join(p, "\\", Minimal)[1..]),
        new("with escaped slashes", true, false, p => "/" + Join(p, "%2F", Minimal)[3..]),
        new("with a path parameter on every segment", true, true, p => Join(p, "/", s => Minimal(s) + ";p=1")),
        new("in absolute form", true, false, p => "http://" + Authority + Join(p, "/", Minimal)),
    ];

    /// <summary>The request for <paramref name="target"/>: a GET from the shop's frontend to the orders service.</summary>
    public static byte[] Request(string target) => Encoding.ASCII.GetBytes(
        $"GET {target} HTTP/1.1\r\nHost: {Authority}\r\nx-forwarded-client-cert: {FuzzPost.Xfcc}\r\n\r\n");

    /// <summary>The segments of <paramref name="path"/> (after its leading <c>/</c>), each written by <paramref name="write"/>, joined by <paramref name="separator"/>.</summary>
    private static string Join(byte[] path, string separator, Func<byte[], string> write)
    {
        var target = new StringBuilder();
        int start = 1;
        while (true)
        {
            int slash = Array.IndexOf(path, (byte)'/', start);
            int end = slash < 0 ? path.Length : slash;
            target.Append(separator).Append(write(path[start..end]));
            if (slash < 0)
            {
                return target.ToString();
            }

            start = slash + 1;
        }
    }

    /// <summary>RFC 3986's pchar kept as it is (unreserved, sub-delims but <c>;</c>, <c>:</c>, <c>@</c>), everything else escaped.</summary>
    private static string Minimal(byte[] segment)
    {
        var text = new StringBuilder(segment.Length);
        foreach (byte b in segment)
        {
            bool kept = char.IsAsciiLetterOrDigit((char)b) || "-._~!$&'()*+,=:@".Contains((char)b);
            text.Append(kept ? ((char)b).ToString() : $"%{b:X2}");
        }

        return text.ToString();
    }

    private static string Escaped(byte[] segment, string hex) => string.Concat(segment.Select(b => "%" + b.ToString(hex)));

    /// <summary>Each ASCII byte as the two-byte overlong UTF-8 of its code point (<c>%C0%AE</c> for <c>.</c>), escaped.</summary>
    private static string Overlong(byte[] segment) => string.Concat(segment.Select(b => b < 0x80 ? $"%{0xC0 | (b >> 6):X2}%{0x80 | (b & 0x3F):X2}" : $"%{b:X2}"));

    /// <summary>IIS's <c>%uXXXX</c> for the ASCII bytes (a code point over 0x7F would be read as a character, not a byte).</summary>
    private static string PercentU(byte[] segment) => string.Concat(segment.Select(b => b < 0x80 ? $"%u{b:X4}" : $"%{b:X2}"));
}
