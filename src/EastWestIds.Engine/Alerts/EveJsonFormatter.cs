using System.Buffers;
using System.Net;
using HttpVersion = EastWestIds.Http.Http1.HttpVersion;
using System.Text.Json;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Authorization;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;
using EastWestIds.Policy.Evaluation;

namespace EastWestIds.Engine.Alerts;

/// <summary>
/// Formats Suricata EVE JSON lines (<c>alert</c> and <c>http</c> records) with the mesh context in one extra
/// <c>mesh</c> object, so pipelines built for Suricata take them unchanged (DESIGN.md "Inputs and outputs").
/// One instance per analysis worker: it reuses its buffer and writer, and formats without allocating except
/// where attacker bytes are not UTF-8.
/// </summary>
/// <remarks>
/// Flow fields describe the connection the sink received (peer → sink), as Suricata would see it on the wire,
/// except <c>src_ip</c>, which takes the caller's address from the last <c>x-forwarded-for</c> entry when
/// there is one, as Suricata's <c>xff: mode: overwrite</c> does: behind the sink's sidecar the TCP peer is
/// only that sidecar. The service the caller meant is in <c>http.hostname</c>/<c>http.http_port</c> and <c>mesh</c>.
/// </remarks>
public sealed class EveJsonFormatter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _writer;
    private readonly string _clusterDomain;

    public EveJsonFormatter(string clusterDomain)
    {
        _clusterDomain = clusterDomain;
        // Relaxed escaping, as Suricata writes: '+', '<', '&' and non-ASCII stay as they are (still valid JSON; quotes,
        // backslashes and control characters are escaped). Whoever renders a line into HTML escapes it there.
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Formats an <c>alert</c> record for one finding.</summary>
    public ReadOnlySpan<byte> FormatAlert(MirroredRequest request, InspectionContext context, in Finding finding)
    {
        Begin(request, "alert"u8);
        var signature = finding.Signature;
        _writer.WriteStartObject("alert"u8);
        _writer.WriteString("action"u8, "allowed"u8);
        _writer.WriteNumber("gid"u8, 1);
        _writer.WriteNumber("signature_id"u8, signature.Sid);
        _writer.WriteNumber("rev"u8, signature.Rev);
        _writer.WriteString("signature"u8, signature.Message);
        _writer.WriteString("category"u8, signature.Category);
        _writer.WriteNumber("severity"u8, (int)signature.Severity);
        _writer.WriteStartObject("metadata"u8);
        _writer.WriteStartArray("ewids_family"u8);
        _writer.WriteStringValue(signature.Family.Label());
        _writer.WriteEndArray();
        _writer.WriteStartArray("classtype"u8);
        _writer.WriteStringValue(signature.ClassType);
        _writer.WriteEndArray();
        WriteRuleMetadata(signature.RuleMetadata);
        WriteRelatedSids(finding.Related);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        WriteHttp(request, context);
        WriteMesh(request, context, finding.Detail, finding.Related);
        return End();
    }

    /// <summary>
    /// The rule's own <c>metadata</c>, as Suricata writes it into <c>alert.metadata</c> (each key with an array of its
    /// values), so that pipelines keyed on Emerging Threats' <c>signature_severity</c>, <c>attack_target</c> or
    /// <c>former_category</c> read the same fields. The keys this formatter writes itself are left out: here
    /// <c>ewids_family</c> names the finding family (attack, identity, …), not a rule's attack category.
    /// </summary>
    private void WriteRuleMetadata(IReadOnlyList<KeyValuePair<string, string[]>> metadata)
    {
        foreach ((string key, string[] values) in metadata)
        {
            if (key is "ewids_family" or "classtype" or "ewids_related_sids")
            {
                continue;
            }

            _writer.WriteStartArray(key);
            foreach (string value in values)
            {
                _writer.WriteStringValue(value);
            }

            _writer.WriteEndArray();
        }
    }

    /// <summary>
    /// <c>alert.metadata.ewids_related_sids</c>: the other sids of the same attack category that matched the request
    /// (the signature stage collapses them into this one alert), best ranked first. Suricata's schema leaves
    /// <c>alert.metadata</c> open (<c>additionalProperties: true</c>) and writes every metadata value as an array of
    /// strings, so the sids are strings here too; absent when nothing else matched.
    /// </summary>
    private void WriteRelatedSids(Finding[]? related)
    {
        if (related is not { Length: > 0 })
        {
            return;
        }

        Span<byte> digits = stackalloc byte[11];
        _writer.WriteStartArray("ewids_related_sids"u8);
        foreach (var other in related)
        {
            other.Signature.Sid.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
            _writer.WriteStringValue(digits[..length]);
        }

        _writer.WriteEndArray();
    }

    /// <summary>Formats an <c>http</c> transaction record (Suricata's HTTP log) for a request.</summary>
    public ReadOnlySpan<byte> FormatHttp(MirroredRequest request, InspectionContext context)
    {
        Begin(request, "http"u8);
        WriteHttp(request, context);
        WriteMesh(request, context, detail: null, related: null);
        return End();
    }

    private void Begin(MirroredRequest request, ReadOnlySpan<byte> eventType)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        Span<byte> scratch = stackalloc byte[64];
        var length = EveTimestamp.Format(request.ReceivedAtUtc == default ? DateTime.UtcNow : request.ReceivedAtUtc, scratch);
        _writer.WriteString("timestamp"u8, scratch[..length]);
        _writer.WriteNumber("flow_id"u8, request.ConnectionId);
        _writer.WriteString("event_type"u8, eventType);

        var xffClient = ForwardedClient(request.GetHeader(KnownHeader.XForwardedFor));
        if (!xffClient.IsEmpty)
        {
            _writer.WriteString("src_ip"u8, xffClient);
        }
        else if (request.PeerAddress is { } peer && WriteAddress(peer, scratch, out length))
        {
            _writer.WriteString("src_ip"u8, scratch[..length]);
            _writer.WriteNumber("src_port"u8, request.PeerPort);
        }

        if (request.LocalAddress is { } local && WriteAddress(local, scratch, out length))
        {
            _writer.WriteString("dest_ip"u8, scratch[..length]);
            _writer.WriteNumber("dest_port"u8, request.LocalPort);
        }

        _writer.WriteString("proto"u8, "TCP"u8);
        _writer.WriteString("app_proto"u8, request.Version == HttpVersion.Http2 ? "http2"u8 : "http"u8);
        if (request.PeerAddress is { } p && request.LocalAddress is { } l)
        {
            length = CommunityId.Format(p, request.PeerPort, l, request.LocalPort, scratch);
            if (length > 0)
            {
                _writer.WriteString("community_id"u8, scratch[..length]);
            }
        }
    }

    private void WriteHttp(MirroredRequest request, InspectionContext context)
    {
        _writer.WriteStartObject("http"u8);
        if (context.Callee.IsKnown)
        {
            JsonText.WriteString(_writer, "hostname"u8, context.Callee.Host(request));
            if (context.Callee.Authority.Port > 0)
            {
                _writer.WriteNumber("http_port"u8, context.Callee.Authority.Port);
            }
        }
        else if (request.HasHeader(KnownHeader.Host))
        {
            JsonText.WriteString(_writer, "hostname"u8, request.GetHeader(KnownHeader.Host));
        }

        if (request.HasHead)
        {
            JsonText.WriteString(_writer, "url"u8, request.Target);
            JsonText.WriteIfPresent(_writer, "http_user_agent"u8, request.GetHeader(KnownHeader.UserAgent));
            JsonText.WriteIfPresent(_writer, "http_content_type"u8, request.GetHeader(KnownHeader.ContentType));
            JsonText.WriteIfPresent(_writer, "http_refer"u8, request.GetHeader(KnownHeader.Referer));
            JsonText.WriteString(_writer, "http_method"u8, request.Method);
            _writer.WriteString("protocol"u8, request.Version switch
            {
                HttpVersion.Http10 => "HTTP/1.0"u8,
                HttpVersion.Http2 => "HTTP/2"u8,
                _ => "HTTP/1.1"u8,
            });
            _writer.WriteNumber("length"u8, request.BodyReceived);
        }

        _writer.WriteEndObject();
    }

    private void WriteMesh(MirroredRequest request, InspectionContext context, string? detail, Finding[]? related)
    {
        _writer.WriteStartObject("mesh"u8);
        _writer.WriteString("ingest"u8, request.Ingest switch
        {
            IngestKind.Inline => "inline"u8,
            IngestKind.Offline => "offline"u8,
            _ => "mirror"u8,
        });
        ref readonly var caller = ref context.Caller;
        if (caller.IsKnown)
        {
            JsonText.WriteString(_writer, "source_principal"u8, caller.Principal(request));
            JsonText.WriteString(_writer, "source_trust_domain"u8, caller.TrustDomain(request));
            JsonText.WriteIfPresent(_writer, "source_namespace"u8, caller.Namespace(request));
            JsonText.WriteIfPresent(_writer, "source_service_account"u8, caller.ServiceAccount(request));
        }

        ref readonly var callee = ref context.Callee;
        if (callee.IsKnown && !callee.Authority.IsIpLiteral)
        {
            var service = callee.Service(request);
            var ns = callee.Namespace(request, caller);
            JsonText.WriteString(_writer, "destination_service_name"u8, service);
            if (!ns.IsEmpty)
            {
                JsonText.WriteString(_writer, "destination_service_namespace"u8, ns);
                WriteServiceFqdn(service, ns);
            }
        }

        if (callee.IsKnown && callee.Authority.Port > 0)
        {
            _writer.WriteNumber("destination_port"u8, callee.Authority.Port);
        }

        if (callee.IsKnown)
        {
            JsonText.WriteString(_writer, "authority"u8, callee.RawAuthority(request));
            _writer.WriteBoolean("shadow_suffix"u8, callee.Authority.ShadowSuffixRemoved);
        }

        JsonText.WriteIfPresent(_writer, "request_id"u8, request.GetHeader(KnownHeader.XRequestId));
        JsonText.WriteIfPresent(_writer, "trace_id"u8, TraceId(request));
        if (request.Rejection != RequestRejectionReason.None)
        {
            _writer.WriteString("rejection"u8, request.Rejection.Label());
            _writer.WriteNumber("status"u8, request.Rejection.StatusCode());
        }

        if (context.Policy.Judged)
        {
            WritePolicy(context.Policy.Verdict);
        }

        if (detail is not null)
        {
            _writer.WriteString("evidence"u8, detail);
        }

        if (related is { Length: > 0 })
        {
            // The collapsed siblings with where each matched, so the one alert still shows every buffer that fired.
            _writer.WriteStartArray("related"u8);
            foreach (var other in related)
            {
                _writer.WriteStartObject();
                _writer.WriteNumber("signature_id"u8, other.Signature.Sid);
                _writer.WriteString("signature"u8, other.Signature.Message);
                if (other.Detail is not null)
                {
                    _writer.WriteString("evidence"u8, other.Detail);
                }

                _writer.WriteEndObject();
            }

            _writer.WriteEndArray();
        }

        _writer.WriteEndObject();
    }

    /// <summary>Istio's <c>destination_service</c> spelling: <c>svc.ns.svc.cluster.local</c>.</summary>
    /// <summary><c>mesh.policy</c>: the AuthorizationPolicy verdict, the deciding policy and rule, and why.</summary>
    private void WritePolicy(in AuthzVerdict verdict)
    {
        _writer.WriteStartObject("policy"u8);
        _writer.WriteString("verdict"u8, PolicyOutcome.Label(verdict.Kind));
        if (verdict.Rule.Policy is { } policy)
        {
            _writer.WriteString("policy"u8, policy.Name);
            if (verdict.Rule.RuleIndex >= 0)
            {
                _writer.WriteNumber("rule"u8, verdict.Rule.RuleIndex);
            }
        }

        _writer.WriteString("reason"u8, PolicyOutcome.Label(verdict.Reason));
        _writer.WriteEndObject();
    }

    private void WriteServiceFqdn(ReadOnlySpan<byte> service, ReadOnlySpan<byte> ns)
    {
        Span<byte> fqdn = stackalloc byte[256];
        var length = service.Length + 1 + ns.Length + 5 + _clusterDomain.Length;
        if (length > fqdn.Length)
        {
            return;
        }

        service.CopyTo(fqdn);
        var at = service.Length;
        fqdn[at++] = (byte)'.';
        ns.CopyTo(fqdn[at..]);
        at += ns.Length;
        ".svc."u8.CopyTo(fqdn[at..]);
        at += 5;
        at += System.Text.Encoding.ASCII.GetBytes(_clusterDomain, fqdn[at..]);
        JsonText.WriteString(_writer, "destination_service"u8, fqdn[..at]);
    }

    private ReadOnlySpan<byte> End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan;
    }

    private static bool WriteAddress(IPAddress address, Span<byte> destination, out int length)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4(); // rare: only dual-mode sockets hand these out
        }

        return address.TryFormat(destination, out length);
    }

    /// <summary>The last <c>x-forwarded-for</c> entry when it looks like an address; else empty.</summary>
    internal static ReadOnlySpan<byte> ForwardedClient(ReadOnlySpan<byte> xff)
    {
        var comma = xff.LastIndexOf((byte)',');
        var last = (comma < 0 ? xff : xff[(comma + 1)..]).Trim(" \t"u8);
        if (last.IsEmpty || last.Length > 45 || last.IndexOfAnyExcept("0123456789abcdefABCDEF.:"u8) >= 0)
        {
            return default;
        }

        return last;
    }

    /// <summary>The trace id from B3 or W3C trace context, for correlation with the caller's trace.</summary>
    internal static ReadOnlySpan<byte> TraceId(MirroredRequest request)
    {
        var b3 = request.GetHeader(KnownHeader.XB3TraceId);
        if (!b3.IsEmpty)
        {
            return b3;
        }

        var traceparent = request.GetHeader(KnownHeader.Traceparent);
        // version "-" trace-id(32 hex) "-" parent-id "-" flags
        return traceparent.Length >= 35 && traceparent[2] == (byte)'-' ? traceparent.Slice(3, 32) : default;
    }
}
