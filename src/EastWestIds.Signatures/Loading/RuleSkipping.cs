using System.Collections.Frozen;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Loading;

/// <summary>
/// Rules of a third-party rule set (Emerging Threats, a Suricata deployment's own) that EastWestIds cannot apply, and
/// why: a rule for another protocol, a rule that reads the response, a rule that needs state across requests, a rule
/// with a Suricata keyword EastWestIds does not implement. Such a rule is skipped, reported and counted, not an
/// error: such rule sets mix them with HTTP request rules in the same files, and refusing the whole set would leave
/// the analyst editing thousands of lines before the first HTTP rule could run (Suricata itself loads the rules it
/// can and reports the others). Everything else wrong with a rule (a typo, a keyword no Suricata has, a bad option)
/// stays an error, as for EastWestIds' own rules.
/// </summary>
internal static class RuleSkipping
{
    /// <summary>The protocols of Suricata's rule header other than HTTP (packet, stream and application layers, Suricata 7).</summary>
    private static readonly FrozenSet<string> OtherProtocols = new[]
    {
        "ip", "ipv4", "ip4", "ipv6", "ip6", "tcp", "udp", "icmp", "icmpv4", "icmpv6", "sctp", "pkthdr", "tcp-pkt",
        "tcp-stream", "dns", "tls", "ssh", "smtp", "imap", "pop3", "ftp", "ftp-data", "smb", "dcerpc", "dhcp", "nfs",
        "tftp", "krb5", "snmp", "sip", "rfb", "mqtt", "rdp", "ike", "ikev2", "ntp", "modbus", "dnp3", "enip", "quic",
        "pgsql", "telnet", "bittorrent-dht", "ldap", "websocket", "doh2", "mdns", "http1-response", "template",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keywords that read the response, sticky buffers and legacy content modifiers alike.</summary>
    private static readonly FrozenSet<string> ResponseKeywords = new[]
    {
        "http.stat_code", "http.stat_msg", "http.response_line", "http.response_body", "http.response_header",
        "http.server", "http.location", "http_stat_code", "http_stat_msg", "http_server_body", "http_response_line",
        "http.response_header.raw", "http_server", "http_location",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Keywords whose meaning is state shared between rules across requests (<c>threshold</c> and
    /// <c>detection_filter</c>, state of one rule's own alerts, are implemented: <c>Engine/Signatures/AlertThresholds</c>).
    /// </summary>
    private static readonly FrozenSet<string> StateKeywords = new[]
    {
        "flowbits", "xbits", "hostbits", "flowint", "stream_size",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Keywords of Suricata 7 that EastWestIds does not implement (packet header tests, byte_extract and byte_math,
    /// reputation and script keywords, file hashes, transforms it lacks), so that a rule using one is
    /// skipped rather than loaded without it, which would make it match more than it says.
    /// </summary>
    private static readonly FrozenSet<string> UnsupportedKeywords = new[]
    {
        "byte_extract", "byte_math", "dsize", "tag", "noalert",
        "lua", "luajit", "dataset", "datarep", "iprep", "geoip", "ja3.hash", "ja3.string", "ja3s.hash", "ja3s.string",
        "ja4.hash", "app-layer-event", "app-layer-protocol", "app-layer-state", "pkt_data", "replace", "entropy",
        "filemagic", "file.magic", "filestore", "filemd5", "filesha1", "filesha256", "filesize", "fileext", "ttl", "tos",
        "id", "ipopts", "fragbits", "fragoffset", "flags", "seq", "ack", "window", "itype", "icode", "icmp_id",
        "icmp_seq", "rpc", "sameip", "ip_proto", "ftpbounce", "asn1", "flowvar", "pktvar", "pcrexform",
        "header_lowercase", "strip_pseudo_headers", "to_md5", "to_sha1", "to_sha256", "to_uppercase", "bypass",
        "decode-event", "stream-event", "engine-event", "requires", "http2.frametype", "http2.errorcode",
        "http2.priority", "http2.window", "http2.size_update", "http2.settings", "http2.header_name", "http2.header",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why EastWestIds cannot apply <paramref name="rule"/>, or null when it can (or when it is simply wrong).</summary>
    public static (SkipKind Kind, string Subject, string Reason)? Reason(SignatureSyntax rule)
    {
        if (OtherProtocols.Contains(rule.Protocol))
        {
            return (SkipKind.OtherProtocol, rule.Protocol.ToLowerInvariant(), $"protocol '{rule.Protocol}' is for another sensor: EastWestIds inspects HTTP requests");
        }

        foreach (SignatureOptionSyntax option in rule.Options)
        {
            if (ResponseKeywords.Contains(option.Name) || IsResponseFlow(option))
            {
                string subject = IsResponseFlow(option) ? "flow:to_client" : option.Name.ToLowerInvariant();
                return (SkipKind.Response, subject, $"'{option.Name}{(option.Value is null ? "" : ":" + option.Value)}' inspects responses: EastWestIds sees requests only");
            }

            if (StateKeywords.Contains(option.Name))
            {
                return (SkipKind.CrossRequestState, option.Name.ToLowerInvariant(), $"'{option.Name}' needs state across requests, which EastWestIds does not keep");
            }

            if (UnsupportedKeywords.Contains(option.Name))
            {
                return (SkipKind.UnsupportedKeyword, option.Name.ToLowerInvariant(), $"Suricata's '{option.Name}' is not implemented by EastWestIds");
            }
        }

        return null;
    }

    private static bool IsResponseFlow(SignatureOptionSyntax option) =>
        string.Equals(option.Name, FlowOption.Name, StringComparison.OrdinalIgnoreCase)
        && KeywordArguments.SplitList(option.Value ?? "").Any(f => f.Equals("to_client", StringComparison.OrdinalIgnoreCase)
            || f.Equals("from_server", StringComparison.OrdinalIgnoreCase));
}
