using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Quality;
using static EastWestIds.Quality.Tests.EvasionVariants;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks sent again in encodings a server behind undoes by itself, which must not hide the
/// payload from the rules: the body in UTF-16, UTF-32 or EBCDIC, a multipart part in base64 or quoted-printable or in
/// a declared charset, a JSON document under another Content-Type.
/// </summary>
public sealed class BodyEncodingEvasionTests
{
    private static readonly Encoding Ebcdic = CodePagesEncodingProvider.Instance.GetEncoding(37, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    private static readonly (string Name, Encoding Encoding, bool Mark, string? Charset)[] Variants =
    [
        ("utf-16le", new UnicodeEncoding(bigEndian: false, byteOrderMark: false), false, null),
        ("utf-16be+bom", new UnicodeEncoding(bigEndian: true, byteOrderMark: true), true, null),
        ("utf-32le", new UTF32Encoding(bigEndian: false, byteOrderMark: false), false, null),
        ("charset=utf-16", new UnicodeEncoding(bigEndian: true, byteOrderMark: false), false, "utf-16"),
        ("charset=ibm037", Ebcdic, false, "ibm037"),
    ];

    /// <summary>
    /// The attacks of the JSON and form bodies, sent with the same text unmarked in UTF-16 and UTF-32 (Jackson and
    /// Python's <c>json</c> detect them), in UTF-16 with a byte order mark, declared <c>charset=utf-16</c> (Spring,
    /// ASP.NET Core) and <c>charset=ibm037</c> (the known WAF bypass): every rule that fires on the UTF-8 request fires.
    /// </summary>
    [Fact]
    public void BodyPayloads_InUtf16Utf32AndEbcdic_RaiseEveryRuleTheUtf8RequestRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: ["json", "form"]))
        {
            string body = record["body"]!.GetValue<string>();
            requests.Add(Variant(record, "utf-8", Encoding.UTF8.GetBytes(body), null));
            foreach ((string name, Encoding encoding, bool mark, string? charset) in Variants)
            {
                if (Encode(encoding, mark, body) is { } bytes)
                {
                    requests.Add(Variant(record, name, bytes, charset));
                }
            }
        }

        AssertVariantsRaise(Scan(requests), "utf-8", [.. Variants.Select(v => v.Name)], _ => true, atLeastDetected: 3000);
    }

    /// <summary>
    /// Every attack as a multipart field, as sent, in <c>base64</c> and in <c>quoted-printable</c> (Go's
    /// <c>mime/multipart</c> and python-multipart undo them): each argument rule that fires on the plain part fires on
    /// the encoded ones (rules on the whole body read the multipart text, which the encoding changes).
    /// </summary>
    [Fact]
    public void MultipartFields_InBase64AndQuotedPrintable_RaiseEveryArgumentRuleThePlainFieldRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            byte[] payload = Encoding.UTF8.GetBytes(record["payload"]!.GetValue<string>());
            requests.Add(Multipart(record, "plain", null, payload));
            requests.Add(Multipart(record, "base64", "base64", Encoding.ASCII.GetBytes(Convert.ToBase64String(payload, Base64FormattingOptions.InsertLineBreaks))));
            requests.Add(Multipart(record, "quoted-printable", "quoted-printable", QuotedPrintable(payload)));
        }

        AssertVariantsRaise(Scan(requests), "plain", ["base64", "quoted-printable"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

    /// <summary>
    /// Every attack as a multipart field in UTF-16 or EBCDIC, declared by the part's Content-Type, by the body's, or by
    /// a <c>_charset_</c> field after it (Commons FileUpload, Spring's Commons resolver and ASP.NET decode a field in
    /// its declared charset, Jetty 12 in the one <c>_charset_</c> names; <c>charset=ibm037</c> on a part is a known WAF
    /// bypass): each argument rule that fires on the plain part fires.
    /// </summary>
    [Fact]
    public void MultipartFields_InADeclaredCharset_RaiseEveryArgumentRuleThePlainFieldRaises()
    {
        var utf16 = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string payload = record["payload"]!.GetValue<string>();
            requests.Add(Multipart(record, "plain", null, Encoding.UTF8.GetBytes(payload)));
            requests.Add(Multipart(record, "part-utf-16", null, utf16.GetBytes(payload), "Content-Type: text/plain; charset=utf-16"));
            requests.Add(Multipart(record, "charset-field-utf-16", null, utf16.GetBytes(payload), charsetField: "UTF-16"));
            // EBCDIC text without a letter or digit (`' --`) is all bytes under 0x80, which is read as sent: ASCII text
            // mislabelled ibm037 would otherwise be read as punctuation soup (BodyCharset).
            if (Encode(Ebcdic, mark: false, payload) is { } ebcdic && ebcdic.AsSpan().IndexOfAnyExceptInRange((byte)1, (byte)0x7F) >= 0)
            {
                requests.Add(Multipart(record, "part-ibm037", null, ebcdic, "Content-Type: text/plain; charset=IBM037"));
                requests.Add(Multipart(record, "body-ibm037", null, ebcdic, bodyCharset: "ibm037"));
                requests.Add(Multipart(record, "charset-field-ibm037", null, ebcdic, charsetField: "IBM037"));
            }
        }

        AssertVariantsRaise(Scan(requests), "plain", ["part-utf-16", "part-ibm037", "body-ibm037", "charset-field-utf-16", "charset-field-ibm037"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

    /// <summary>
    /// The attacks of the JSON bodies under a Content-Type that is not JSON (Go's <c>encoding/json</c> decodes a body
    /// whatever it declares): each argument rule that fires on the <c>application/json</c> request fires.
    /// </summary>
    [Fact]
    public void JsonBodies_UnderAnotherContentType_RaiseEveryArgumentRuleTheJsonRequestRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: ["json"]))
        {
            foreach (string contentType in ContentTypes)
            {
                var copy = (JsonObject)record.DeepClone();
                copy["id"] = $"{record["id"]!.GetValue<string>()}@{contentType}";
                foreach (JsonNode? header in copy["headers"]!.AsArray())
                {
                    if (header![0]!.GetValue<string>().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        header[1] = contentType;
                    }
                }

                requests.Add(copy.ToJsonString());
            }
        }

        AssertVariantsRaise(Scan(requests), ContentTypes[0], ContentTypes[1..], ArgumentRules().Contains, atLeastDetected: 1500);
    }

    /// <summary>
    /// Every attack as a string field of a nested gRPC message (as it is, gzip-compressed, and in gRPC-Web text), against the same payload as
    /// the value of a JSON body: each argument rule that fires on the JSON request fires.
    /// </summary>
    [Fact]
    public void GrpcStringFields_RaiseEveryArgumentRuleTheJsonValueRaises()
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string payload = record["payload"]!.GetValue<string>();
            byte[] json = Encoding.UTF8.GetBytes(new JsonObject { ["q"] = payload }.ToJsonString());
            byte[] text = Encoding.UTF8.GetBytes(payload);
            byte[] message = [.. ProtobufString(1, "shoes"), .. ProtobufBytes(3, ProtobufString(1, text)), 0x20, 0x14];
            byte[] frame = [0, .. BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(message.Length)), .. message];
            requests.Add(Post(record, "json", "application/json", json));
            requests.Add(Post(record, "grpc", "application/grpc", frame));
            requests.Add(Post(record, "grpc-web-text", "application/grpc-web-text", Encoding.ASCII.GetBytes(Convert.ToBase64String(frame))));
            byte[] gzip = Gzip(message);
            requests.Add(Post(record, "grpc-gzip", "application/grpc", [1, .. BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(gzip.Length)), .. gzip]));
        }

        AssertVariantsRaise(Scan(requests), "json", ["grpc", "grpc-web-text", "grpc-gzip"], ArgumentRules().Contains, atLeastDetected: 4000);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] ProtobufString(int field, string value) => ProtobufString(field, Encoding.UTF8.GetBytes(value));

    private static byte[] ProtobufString(int field, byte[] value) => ProtobufBytes(field, value);

    private static byte[] ProtobufBytes(int field, byte[] value) => [.. Varint((uint)(field << 3 | 2)), .. Varint((uint)value.Length), .. value];

    private static byte[] Varint(uint value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7)
        {
            bytes.Add((byte)(value | 0x80));
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded"];

    /// <summary>
    /// A POST of one multipart field <c>q</c> holding <paramref name="content"/> in <paramref name="transfer"/>, with a
    /// further part header line and a charset on the body's Content-Type when given.
    /// </summary>
    private static string Multipart(JsonObject record, string name, string? transfer, byte[] content, string? partHeader = null, string? bodyCharset = null, string? charsetField = null)
    {
        const string Boundary = "ewids-3f9a1c";
        byte[] body =
        [
            .. Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"q\"\r\n"
                + (partHeader is null ? "" : partHeader + "\r\n")
                + (transfer is null ? "" : $"Content-Transfer-Encoding: {transfer}\r\n") + "\r\n"),
            .. content,
            .. Encoding.ASCII.GetBytes(charsetField is null ? "" : $"\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"_charset_\"\r\n\r\n{charsetField}"),
            .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"),
        ];
        string charset = bodyCharset is null ? "" : $"; charset={bodyCharset}";
        return Post(record, name, $"multipart/form-data{charset}; boundary={Boundary}", body);
    }

    /// <summary>Quoted-printable as a mail client writes it: all but letters, digits and spaces escaped, soft breaks every 72 bytes.</summary>
    private static byte[] QuotedPrintable(byte[] content)
    {
        var text = new StringBuilder();
        int column = 0;
        foreach (byte b in content)
        {
            string piece = char.IsAsciiLetterOrDigit((char)b) || b == (byte)' ' ? ((char)b).ToString() : $"={b:X2}";
            if (column + piece.Length > 72)
            {
                text.Append("=\r\n");
                column = 0;
            }

            text.Append(piece);
            column += piece.Length;
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[]? Encode(Encoding encoding, bool mark, string body)
    {
        try
        {
            byte[] text = encoding.GetBytes(body);
            return mark ? [.. encoding.GetPreamble(), .. text] : text;
        }
        catch (EncoderFallbackException)
        {
            return null; // a payload with a char EBCDIC cannot write
        }
    }

    /// <summary>The record with <paramref name="body"/> as its body (base64), its Content-Length and, when given, a charset.</summary>
    private static string Variant(JsonObject record, string name, byte[] body, string? charset)
    {
        var copy = (JsonObject)record.DeepClone();
        copy["id"] = $"{record["id"]!.GetValue<string>()}@{name}";
        copy["body"] = Convert.ToBase64String(body);
        copy["body_base64"] = true;
        foreach (JsonNode? header in copy["headers"]!.AsArray())
        {
            JsonArray pair = header!.AsArray();
            string headerName = pair[0]!.GetValue<string>();
            if (headerName.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                pair[1] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (charset is not null && headerName.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                pair[1] = $"{pair[1]!.GetValue<string>()}; charset={charset}";
            }
        }

        return copy.ToJsonString();
    }
}
