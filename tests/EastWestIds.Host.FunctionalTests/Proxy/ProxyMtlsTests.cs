using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using EastWestIds.Host.Proxy;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>The proxy terminating mTLS itself: the caller's SPIFFE ID comes from its certificate's URI SAN.</summary>
public sealed class ProxyMtlsTests : IDisposable
{
    private const string Caller = "spiffe://cluster.local/ns/default/sa/productpage";
    private readonly TestCertificates _certificates = new();

    private Task<ProxyServer> StartAsync(RecordingUpstream upstream, bool trustXfcc = false) => ProxyServer.StartAsync(upstream, o => o with
    {
        Mode = ProxyMode.Enforce,
        ServerCertificate = _certificates.Server,
        ClientCa = [_certificates.Ca],
        TrustXfcc = trustXfcc,
        Inspection = o.Inspection with { EmitHttpRecords = true },
    });

    private HttpClient Client(ProxyServer proxy, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                // The test CA is not in the system store; trust exactly it.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_certificates.Ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{proxy.Port}") };
    }

    [Fact]
    public async Task ClientCertificateWithSpiffeUri_IsTheCaller_ForgedXfccIsReplaced()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var workload = _certificates.Issue("CN=productpage", [Caller]);
        using var client = Client(proxy, workload);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/0");
        // A caller claiming to be someone else, from a foreign domain: must be ignored, not believed and not blocked on.
        request.Headers.Add("x-forwarded-client-cert", "By=spiffe://cluster.local/ns/x/sa/y;URI=spiffe://evil.example/ns/a/sa/admin");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xfcc = Assert.Single(upstream.Received).Headers["x-forwarded-client-cert"];
        Assert.StartsWith("By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=", xfcc, StringComparison.Ordinal);
        Assert.EndsWith($";Subject=\"CN=productpage\";URI={Caller}", xfcc, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", xfcc);
        var http = await proxy.Alerts.WaitForAsync(r => r.Count >= 1, what: "the http record");
        Assert.Empty(proxy.Alerts.OfType("alert"));
        Assert.Equal(Caller, http.Single(r => r.GetProperty("event_type").GetString() == "http").GetProperty("mesh").GetProperty("source_principal").GetString());
        Assert.Equal(1, await proxy.MetricAsync("eastwestids_inline_xfcc_replaced_total"));
    }

    [Fact]
    public async Task ClientCertificateFromForeignTrustDomain_IsBlocked()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var workload = _certificates.Issue("CN=intruder", ["spiffe://evil.example/ns/default/sa/intruder"]);
        using var client = Client(proxy, workload);

        using var response = await client.GetAsync("/reviews/0");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(9200005, json.RootElement.GetProperty("decided_by")[0].GetProperty("sid").GetInt32());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task ClientCertificateWithTwoUriSans_IsBlocked()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var workload = _certificates.Issue("CN=two", [Caller, "spiffe://cluster.local/ns/kube-system/sa/admin"]);
        using var client = Client(proxy, workload);

        using var response = await client.GetAsync("/reviews/0");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("9200008", await response.Content.ReadAsStringAsync());
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task ClientCertificateWithoutUriSan_IsAlerted_AsEnvoyWouldReportIt()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var workload = _certificates.Issue("CN=legacy", []);
        using var client = Client(proxy, workload);

        using var response = await client.GetAsync("/reviews/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // 9200007 is medium: below the default --block-severity
        Assert.EndsWith(";Subject=\"CN=legacy\";URI=", Assert.Single(upstream.Received).Headers["x-forwarded-client-cert"], StringComparison.Ordinal);
        await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(9200007).Count == 1, what: "alert 9200007");
    }

    [Fact]
    public async Task TrustXfcc_AppendsTheCertificateElement_AfterTheReceivedOne()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream, trustXfcc: true);
        using var workload = _certificates.Issue("CN=gateway", ["spiffe://cluster.local/ns/istio-system/sa/gateway"]);
        using var client = Client(proxy, workload);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/0");
        request.Headers.Add("x-forwarded-client-cert", ProxyForwardingTests.TrustedXfcc);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // 9200002 (relayed element) is medium: alerted, not blocked
        var xfcc = Assert.Single(upstream.Received).Headers["x-forwarded-client-cert"];
        Assert.StartsWith(ProxyForwardingTests.TrustedXfcc + ",By=", xfcc, StringComparison.Ordinal);
        Assert.EndsWith("URI=spiffe://cluster.local/ns/istio-system/sa/gateway", xfcc, StringComparison.Ordinal);
        await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(9200002).Count == 1, what: "alert 9200002");
    }

    [Fact]
    public async Task ClientWithoutCertificate_OrFromAnotherCa_IsRefusedAtTheHandshake()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartAsync(upstream);
        using var otherCa = TestCertificates.OtherCa();
        using var stranger = _certificates.Issue("CN=stranger", [Caller], issuer: otherCa);
        using var anonymous = Client(proxy, null);
        using var foreign = Client(proxy, stranger);

        await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetAsync("/reviews/0"));
        await Assert.ThrowsAsync<HttpRequestException>(() => foreign.GetAsync("/reviews/0"));
        Assert.Empty(upstream.Received);
    }

    public void Dispose() => _certificates.Dispose();
}
