using System.Text;
using YamlDotNet.Serialization;

namespace EastWestIds.Host.Signatures;

/// <summary>The document of a <c>&lt;family&gt;.cases.yaml</c> file (format: signatures/README.md, "Cases files").</summary>
internal sealed class CasesDocument
{
    [YamlMember(Alias = "cases")]
    public List<RuleCase>? Cases { get; set; }
}

/// <summary>
/// One case: a request (the corpus JSON shape, or <c>raw</c> HTTP/1.1) and the sids that must and must not fire.
/// Built-in findings (9100000–9399999) are never counted.
/// </summary>
internal sealed class RuleCase
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "method")] public string? Method { get; set; }
    [YamlMember(Alias = "uri")] public string? Uri { get; set; }
    [YamlMember(Alias = "http_version")] public string? HttpVersion { get; set; }
    [YamlMember(Alias = "headers")] public List<List<string>>? Headers { get; set; }
    [YamlMember(Alias = "body")] public string? Body { get; set; }
    [YamlMember(Alias = "body_base64")] public bool BodyBase64 { get; set; }
    [YamlMember(Alias = "raw")] public string? Raw { get; set; }
    [YamlMember(Alias = "expect")] public List<int>? Expect { get; set; }

    /// <summary>A list of sids, or the scalar <c>all</c>.</summary>
    [YamlMember(Alias = "expect_none")] public object? ExpectNone { get; set; }

    /// <summary>Line of the case in its file, for messages.</summary>
    [YamlIgnore] public int Line { get; set; }

    /// <summary>Checks the case's shape; null when fine, else what is wrong.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return "has no name";
        }

        bool requestForm = Method is not null || Uri is not null || HttpVersion is not null || Headers is not null || Body is not null;
        if (Raw is not null && requestForm)
        {
            return "mixes raw with request fields";
        }

        if (Expect is null && ExpectNone is null)
        {
            return "has neither expect nor expect_none";
        }

        if (ExpectNone is string s && s != "all")
        {
            return $"expect_none: '{s}' is neither 'all' nor a list of sids";
        }

        if (Headers?.FirstOrDefault(h => h.Count != 2) is { } bad)
        {
            return $"header [{string.Join(", ", bad)}] is not a [name, value] pair";
        }

        return null;
    }

    /// <summary>True for <c>expect_none: all</c>.</summary>
    public bool ExpectNoneAll => ExpectNone is "all";

    /// <summary>The sids of a list-form <c>expect_none</c>.</summary>
    public IReadOnlyList<int> ExpectNoneSids(List<string> problems)
    {
        if (ExpectNone is not List<object> list)
        {
            return [];
        }

        var sids = new List<int>();
        foreach (object item in list)
        {
            if (int.TryParse(item?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int sid))
            {
                sids.Add(sid);
            }
            else
            {
                problems.Add($"expect_none: '{item}' is not a sid");
            }
        }

        return sids;
    }

    /// <summary>The request as bytes on the wire.</summary>
    public byte[] ToWire()
    {
        if (Raw is not null)
        {
            return Encoding.UTF8.GetBytes(Raw);
        }

        byte[] body = Body is null ? [] : BodyBase64 ? Convert.FromBase64String(Body) : Encoding.UTF8.GetBytes(Body);
        var head = new StringBuilder();
        head.Append(Method ?? "GET").Append(' ').Append(Uri ?? "/").Append(' ').Append(HttpVersion ?? "HTTP/1.1").Append("\r\n");
        bool framed = false;
        foreach (List<string> header in Headers ?? [])
        {
            head.Append(header[0]).Append(": ").Append(header[1]).Append("\r\n");
            framed |= header[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || header[0].Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);
        }

        if (body.Length > 0 && !framed)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.UTF8.GetBytes(head.ToString()), .. body];
    }
}
