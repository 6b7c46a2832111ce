using EastWestIds.Host.Configuration;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Who the caller is, as the proxy tells it to the pipeline and to the upstream. Without <c>--client-ca</c> the proxy
/// sits behind a sidecar (or at a gateway) and the received <c>x-forwarded-client-cert</c> is what there is: it is
/// read and forwarded as received. With <c>--client-ca</c> the proxy terminates mTLS itself, so a received XFCC is a
/// claim the caller wrote: it is dropped (counted) and replaced by the element for the verified client certificate,
/// as Envoy's SANITIZE_SET does; <c>--trust-xfcc</c> appends instead (APPEND_FORWARD), for a trusted proxy in front.
/// </summary>
internal sealed class InlineCallerIdentity
{
    private const string XfccHeader = "x-forwarded-client-cert";
    private static readonly object ElementKey = new();
    private readonly bool _terminatesMtls;
    private readonly bool _trustXfcc;
    private readonly string? _by;
    private readonly ProxyMetrics _metrics;

    public InlineCallerIdentity(ProxyOptions options, ProxyMetrics metrics)
    {
        _terminatesMtls = options.ClientCa is not null;
        _trustXfcc = options.TrustXfcc;
        _by = options.ServerCertificate is { } own ? CallerCertificate.UriSans(own).FirstOrDefault() : null;
        _metrics = metrics;
    }

    /// <summary>
    /// Sets the XFCC the upstream receives and returns the one the pipeline should read instead of the received
    /// header: null when the received header stands, empty when there is none.
    /// </summary>
    public string? Apply(HttpContext context)
    {
        if (!_terminatesMtls)
        {
            return null;
        }

        var element = Element(context);
        var headers = context.Request.Headers;
        var received = headers[XfccHeader];
        string value;
        if (received.Count == 0)
        {
            value = element;
        }
        else if (_trustXfcc)
        {
            value = element.Length == 0 ? string.Join(',', received.ToArray()) : string.Join(',', received.ToArray()) + "," + element;
        }
        else
        {
            _metrics.XfccReplaced();
            value = element;
        }

        if (value.Length == 0)
        {
            headers.Remove(XfccHeader);
        }
        else
        {
            headers[XfccHeader] = value;
        }

        return value;
    }

    /// <summary>The element for this connection's client certificate, made once per connection.</summary>
    private string Element(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is not null && items.TryGetValue(ElementKey, out var cached) && cached is string element)
        {
            return element;
        }

        // The handshake requires a certificate; none here would mean a listener without mTLS: no identity at all.
        element = context.Connection.ClientCertificate is { } certificate ? CallerCertificate.XfccElement(certificate, _by) : string.Empty;
        if (items is not null)
        {
            items[ElementKey] = element;
        }

        return element;
    }
}
