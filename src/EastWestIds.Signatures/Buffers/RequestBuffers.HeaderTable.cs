using System.Text;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// Which header is which, and how long each line is, worked out once per request: one <see cref="IRequestView.HeaderName"/>
/// and one <see cref="IRequestView.HeaderValue"/> call per header field. Why: the header buffers (<c>http.header</c>,
/// <c>http.header.raw</c>, <c>http.header_names</c>, <c>http.user_agent</c>, …) and the body's <c>Content-Type</c> and
/// <c>Content-Encoding</c> each walked all header names again, through two interface calls per name; on a mesh GET with
/// eleven headers that was about 5% of the signature stage's instructions.
/// </summary>
public sealed partial class RequestBuffers
{
    private HeaderKind[] _headerKinds = new HeaderKind[32];
    private bool _headerTableBuilt;
    private int _headerLinesLength;
    private int _cookieLinesLength;
    private int _headerNamesLength;

    // The http.header.raw block of this request, once written, so that http.header can be the same bytes when there is
    // no Cookie (then the two are equal by definition).
    private Segment _rawHeaderLines;
    private bool _rawHeaderLinesWritten;

    /// <summary>The headers the buffers look up by name.</summary>
    private enum HeaderKind : byte
    {
        /// <summary>A standard field without a buffer of its own (<see cref="StandardHeaderFields"/>).</summary>
        Other,

        /// <summary>Any other field: an application's own, read by <c>http.header_value</c>.</summary>
        Custom,
        Cookie,
        UserAgent,
        Referer,
        ContentType,
        Host,
        ContentEncoding,
        Accept,
        AcceptEncoding,
        AcceptLanguage,
        Connection,
        ContentLength,
    }

    private void ResetHeaderTable()
    {
        _headerTableBuilt = false;
        _rawHeaderLinesWritten = false;
    }

    private void EnsureHeaderTable()
    {
        if (_headerTableBuilt)
        {
            return;
        }

        IRequestView r = Request;
        int count = r.HeaderCount;
        if (_headerKinds.Length < count)
        {
            _headerKinds = new HeaderKind[Math.Max(count, _headerKinds.Length * 2)];
        }

        int lines = 0, cookieLines = 0, names = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> name = r.HeaderName(i);
            int line = name.Length + 2 + r.HeaderValue(i).Length + 2;
            HeaderKind kind = KindOf(name);
            kind = kind == HeaderKind.Other && !StandardHeaderFields.Contains(name) ? HeaderKind.Custom : kind;
            _headerKinds[i] = kind;
            lines += line;
            cookieLines += kind == HeaderKind.Cookie ? line : 0;
            names += name.Length + 2;
        }

        _headerLinesLength = lines;
        _cookieLinesLength = cookieLines;
        _headerNamesLength = names;
        _headerTableBuilt = true;
    }

    private static HeaderKind KindOf(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when Ascii.EqualsIgnoreCase(name, "Host"u8) => HeaderKind.Host,
        6 when Ascii.EqualsIgnoreCase(name, "Cookie"u8) => HeaderKind.Cookie,
        6 when Ascii.EqualsIgnoreCase(name, "Accept"u8) => HeaderKind.Accept,
        7 when Ascii.EqualsIgnoreCase(name, "Referer"u8) => HeaderKind.Referer,
        10 when Ascii.EqualsIgnoreCase(name, "User-Agent"u8) => HeaderKind.UserAgent,
        10 when Ascii.EqualsIgnoreCase(name, "Connection"u8) => HeaderKind.Connection,
        12 when Ascii.EqualsIgnoreCase(name, "Content-Type"u8) => HeaderKind.ContentType,
        14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8) => HeaderKind.ContentLength,
        15 when Ascii.EqualsIgnoreCase(name, "Accept-Encoding"u8) => HeaderKind.AcceptEncoding,
        15 when Ascii.EqualsIgnoreCase(name, "Accept-Language"u8) => HeaderKind.AcceptLanguage,
        16 when Ascii.EqualsIgnoreCase(name, "Content-Encoding"u8) => HeaderKind.ContentEncoding,
        _ => HeaderKind.Other,
    };

    /// <summary>Index of the first header of <paramref name="kind"/>, or -1.</summary>
    private int FindHeader(HeaderKind kind)
    {
        EnsureHeaderTable();
        int count = Request.HeaderCount;
        for (int i = 0; i < count; i++)
        {
            if (_headerKinds[i] == kind)
            {
                return i;
            }
        }

        return -1;
    }
}
