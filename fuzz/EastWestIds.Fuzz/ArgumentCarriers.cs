using System.Text;

namespace EastWestIds.Fuzz;

/// <summary>
/// Every way a client can hand a service one named argument, each written the way that format's own encoder writes it,
/// so that the service behind decodes the same name and value from each. A carrier that cannot hold the pair (JSON and
/// the other text formats need valid UTF-8; XML forbids most control characters) gives null.
/// </summary>
internal static class ArgumentCarriers
{
    internal const string Boundary = "4f2c1b9e8d7a6f5e";

    /// <summary>
    /// One carrier: its name, whether it has a place for the argument's name, how many layers of percent-encoding it
    /// wraps the pair in (which the server undoes), and the request it sends. A carrier that <paramref name="AddsValues"/>
    /// has the value read both as sent and decoded (a multipart part's transfer encoding, which Go and python-multipart
    /// undo and Java and PHP do not): it must find what the others find, wherever, and may find more.
    /// </summary>
    internal sealed record Carrier(string Name, bool CarriesName, int PercentLayers, Func<byte[], byte[], byte[]?> Wire, bool AddsValues = false);

    internal static readonly Carrier[] All =
    [
        new("query", true, 1, (n, v) => Get($"/api/v1/search?{Percent(n, plus: false)}={Percent(v, plus: false)}")),
        new("query, encoded twice", true, 2, (n, v) => Get($"/api/v1/search?{Percent(Ascii(Percent(n, plus: false)), plus: false)}={Percent(Ascii(Percent(v, plus: false)), plus: false)}")),
        new("query in IIS %u escapes", true, 1, (n, v) => Text(n, v) is (string name, string value) ? Get($"/api/v1/search?{PercentU(name)}={PercentU(value)}") : null),
        new("form", true, 1, (n, v) => Post("application/x-www-form-urlencoded", Ascii($"{Percent(n, plus: false)}={Percent(v, plus: false)}"))),
        new("form with + for space", true, 1, (n, v) => Post("application/x-www-form-urlencoded", Ascii($"{Percent(n, plus: true)}={Percent(v, plus: true)}"))),
        new("multipart", true, 0, Multipart),
        new("JSON", true, 0, (n, v) => Text(n, v) is (string name, string value) ? Post("application/json", Utf8($"{{{Json(name, false)}:{Json(value, false)}}}")) : null),
        new("JSON with every character escaped", true, 0, (n, v) => Text(n, v) is (string name, string value) ? Post("application/json", Utf8($"{{{Json(name, true)}:{Json(value, true)}}}")) : null),
        new("JSON in UTF-16", true, 0, (n, v) => Text(n, v) is (string name, string value) ? Post("application/json; charset=utf-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"{{{Json(name, false)}:{Json(value, false)}}}")]) : null),
        new("YAML double-quoted", true, 0, (n, v) => Text(n, v) is (string name, string value) ? Post("application/yaml", Utf8($"{Yaml(name)}: {Yaml(value)}\n")) : null),
        new("YAML single-quoted", true, 0, (n, v) => Text(n, v) is (string name, string value) && YamlSingle(name) is { } key && YamlSingle(value) is { } scalar ? Post("application/yaml", Utf8($"{key}: {scalar}\n")) : null),
        new("MessagePack", true, 0, (n, v) => Text(n, v) is not null ? Post("application/msgpack", [0x81, .. MessagePackString(n), .. MessagePackString(v)]) : null),
        new("CBOR", true, 0, (n, v) => Text(n, v) is not null ? Post("application/cbor", [0xa1, .. CborText(n), .. CborText(v)]) : null),
        new("CBOR in chunks", true, 0, (n, v) => Text(n, v) is (_, string value) ? Post("application/cbor", [0xa1, .. CborText(n), .. CborChunks(value)]) : null),
        new("GraphQL string argument", false, 0, (_, v) => TextOf(v) is { } text ? Post("application/graphql", Utf8($"query {{ search(text: {GraphQl(text)}) {{ id }} }}")) : null),
        new("XML element", false, 0, (_, v) => Xml(v) is { } text ? Post("application/xml", Utf8($"<?xml version=\"1.0\"?><r><v>{text}</v></r>")) : null),
        new("XML CDATA section", false, 0, (_, v) => Xml(v) is not null && TextOf(v) is { } text && !text.Contains("]]>") && !text.Contains('\r') ? Post("application/xml", Utf8($"<?xml version=\"1.0\"?><r><v><![CDATA[{text}]]></v></r>")) : null),
        new("XML attribute", false, 0, (_, v) => Xml(v) is { } text ? Post("application/xml", Utf8($"<?xml version=\"1.0\"?><r v=\"{text}\"/>")) : null),
        new("multipart field in base64", true, 0, (n, v) => Multipart(n, Ascii(Convert.ToBase64String(v, Base64FormattingOptions.InsertLineBreaks)), "base64"), AddsValues: true),
        new("multipart field in quoted-printable", true, 0, (n, v) => Multipart(n, QuotedPrintable(v), "quoted-printable"), AddsValues: true),
    ];

    private const string Head = "Host: orders.shop.svc.cluster.local:8080\r\nx-forwarded-client-cert: " + FuzzPost.Xfcc + "\r\n";

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static byte[] Get(string target) => Ascii($"GET {target} HTTP/1.1\r\n{Head}\r\n");

    private static byte[] Post(string contentType, byte[] body) =>
        [.. Ascii($"POST /api/v1/orders HTTP/1.1\r\n{Head}Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n"), .. body];

    /// <summary>
    /// RFC 7578: the name in a quoted string (browsers percent-encode <c>"</c>, CR and LF: such a name is left out), the
    /// value as it is, or in <paramref name="transfer"/> (RFC 2045 §6: its content already encoded).
    /// </summary>
    private static byte[]? Multipart(byte[] name, byte[] value) => Multipart(name, value, null);

    private static byte[]? Multipart(byte[] name, byte[] value, string? transfer)
    {
        if (name.AsSpan().IndexOfAny("\"\\\r\n\0"u8) >= 0 || value.AsSpan().IndexOf(Encoding.ASCII.GetBytes("--" + Boundary)) >= 0)
        {
            return null;
        }

        string headers = transfer is null ? "" : $"Content-Transfer-Encoding: {transfer}\r\n";
        return Post($"multipart/form-data; boundary={Boundary}",
            [.. Ascii($"--{Boundary}\r\nContent-Disposition: form-data; name=\""), .. name, .. Ascii($"\"\r\n{headers}\r\n"), .. value, .. Ascii($"\r\n--{Boundary}--\r\n")]);
    }

    /// <summary>Name and value as text, when both are valid UTF-8 (what JSON, YAML, MessagePack and CBOR strings hold).</summary>
    private static (string Name, string Value)? Text(byte[] name, byte[] value) =>
        TextOf(name) is { } n && TextOf(value) is { } v ? (n, v) : null;

    private static string? TextOf(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // RFC 3986's unreserved characters as they are, every other byte as %XX (with plus, a space as '+', as HTML forms send it).
    private static string Percent(byte[] bytes, bool plus)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else if (plus && b == (byte)' ')
            {
                text.Append('+');
            }
            else
            {
                text.Append('%').Append(b.ToString("X2"));
            }
        }

        return text.ToString();
    }

    // IIS's %uXXXX for every UTF-16 unit (a character outside the BMP as its surrogate pair, as IIS reads it).
    private static string PercentU(string text) => string.Concat(text.Select(c => $"%u{(int)c:X4}"));

    // GraphQL's StringValue: '"', '\' and the control characters it does not allow as they are, escaped.
    private static string GraphQl(string text) =>
        $"\"{string.Concat(text.Select(c => c switch { '"' => "\\\"", '\\' => "\\\\", < ' ' or '\x7f' => $"\\u{(int)c:x4}", _ => c.ToString() }))}\"";

    // RFC 8259 §7: '"', '\' and control characters escaped (or every UTF-16 unit as \uXXXX, an evasion favourite).
    private static string Json(string text, bool escapeAll)
    {
        var json = new StringBuilder("\"");
        foreach (char c in text)
        {
            json.Append(escapeAll || c < 0x20 ? $"\\u{(int)c:x4}" : c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c.ToString());
        }

        return json.Append('"').ToString();
    }

    // YAML 1.2 §7.3.1: a double-quoted scalar; characters YAML does not allow as they are (C0 and C1 controls, DEL,
    // surrogates, U+FEFF) and line breaks as escapes, so nothing is folded.
    private static string Yaml(string text)
    {
        var yaml = new StringBuilder("\"");
        foreach (char c in text)
        {
            yaml.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\x7f' or (>= '\x80' and <= '\x9f') or '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return yaml.Append('"').ToString();
    }

    // YAML 1.2 §7.3.2: a single-quoted scalar has one escape, '' for a quote, and folds line breaks: only printable text on one line.
    private static string? YamlSingle(string text) =>
        text.Any(c => c < ' ' || c is '\x7f' or (>= '\x80' and <= '\x9f') or '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff')
            ? null : $"'{text.Replace("'", "''")}'";

    // XML 1.0 §2.2: only tab, LF and CR among the controls; markup characters as entities, and CR, LF and tab as
    // character references so that neither line-end nor attribute-value normalization changes them.
    private static string? Xml(byte[] value)
    {
        if (TextOf(value) is not { } text || text.All(c => c is ' ' or '\t' or '\r' or '\n')
            || text.Any(c => (c < ' ' && c is not '\t' and not '\r' and not '\n') || c is '\ufffe' or '\uffff'))
        {
            return null;
        }

        return text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;")
            .Replace("\r", "&#13;").Replace("\n", "&#10;").Replace("\t", "&#9;");
    }

    private static byte[] MessagePackString(byte[] text) => text.Length switch
    {
        < 32 => [(byte)(0xa0 | text.Length), .. text],
        < 256 => [0xd9, (byte)text.Length, .. text],
        < 65536 => [0xda, (byte)(text.Length >> 8), (byte)text.Length, .. text],
        _ => [0xdb, (byte)(text.Length >> 24), (byte)(text.Length >> 16), (byte)(text.Length >> 8), (byte)text.Length, .. text],
    };

    private static byte[] CborText(byte[] text) => text.Length switch
    {
        < 24 => [(byte)(0x60 | text.Length), .. text],
        < 256 => [0x78, (byte)text.Length, .. text],
        < 65536 => [0x79, (byte)(text.Length >> 8), (byte)text.Length, .. text],
        _ => [0x7a, (byte)(text.Length >> 24), (byte)(text.Length >> 16), (byte)(text.Length >> 8), (byte)text.Length, .. text],
    };

    // RFC 8949 §3.2.3: an indefinite-length text string, one chunk per character (a chunk must be whole UTF-8).
    private static byte[] CborChunks(string text)
    {
        var cbor = new List<byte> { 0x7f };
        for (int i = 0; i < text.Length; i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1)
        {
            cbor.AddRange(CborText(Encoding.UTF8.GetBytes(text.Substring(i, char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1))));
        }

        cbor.Add(0xff);
        return [.. cbor];
    }

    // RFC 2045 §6.7 as a mail client writes it: letters and digits as they are, every other byte =XX, a soft line
    // break (=CRLF) before a line would pass 76 characters.
    private static byte[] QuotedPrintable(byte[] value)
    {
        var text = new StringBuilder();
        int line = 0;
        foreach (byte b in value)
        {
            string encoded = char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"={b:X2}";
            if (line + encoded.Length > 75)
            {
                text.Append("=\r\n");
                line = 0;
            }

            text.Append(encoded);
            line += encoded.Length;
        }

        return Ascii(text.ToString());
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
