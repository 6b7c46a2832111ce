using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests.Monitoring;

/// <summary>
/// A second scrape target standing in for the callers' sidecars: without Istio there is no
/// <c>istio_requests_total</c>, so the dashboard's coverage panel would have nothing to divide by. It serves that
/// counter in Prometheus text format with Istio's standard labels (reporter=source, as a client sidecar reports it)
/// for the edges the monitoring test mirrors, growing at a fixed rate.
/// </summary>
internal sealed class IstioMetricsTarget : IAsyncDisposable
{
    private const double RequestsPerSecond = 10;

    private readonly HttpListener _listener = new();
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private readonly string _namespace;
    private readonly (string Source, string Service)[] _edges;
    private readonly Task _serving;

    private IstioMetricsTarget(int port, string ns, (string Source, string Service)[] edges)
    {
        Port = port;
        _namespace = ns;
        _edges = edges;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    /// <summary>Serves <c>istio_requests_total</c> for each edge (source service account → destination Service, both in <paramref name="ns"/>).</summary>
    public static IstioMetricsTarget Start(string ns, params (string Source, string Service)[] edges) =>
        new(ExternalProcess.FreePort(), ns, edges);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (HttpListenerException)
        {
            // Stopping the listener ends the pending GetContextAsync this way.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            var body = Encoding.UTF8.GetBytes(Exposition());
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private string Exposition()
    {
        var count = Math.Floor(_uptime.Elapsed.TotalSeconds * RequestsPerSecond).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder("# HELP istio_requests_total Total requests.\n# TYPE istio_requests_total counter\n");
        foreach (var (source, service) in _edges)
        {
            // The label set of Istio's standard metrics (telemetry v2), as a client sidecar reports a call.
            text.Append("istio_requests_total{")
                .Append($"reporter=\"source\",source_workload=\"{source}-v1\",source_workload_namespace=\"{_namespace}\",")
                .Append($"source_principal=\"spiffe://cluster.local/ns/{_namespace}/sa/{source}\",source_app=\"{source}\",source_version=\"v1\",source_cluster=\"Kubernetes\",")
                .Append($"destination_workload=\"{service}-v1\",destination_workload_namespace=\"{_namespace}\",")
                .Append($"destination_principal=\"spiffe://cluster.local/ns/{_namespace}/sa/{service}\",destination_app=\"{service}\",destination_version=\"v1\",")
                .Append($"destination_service=\"{service}.{_namespace}.svc.cluster.local\",destination_service_name=\"{service}\",destination_service_namespace=\"{_namespace}\",")
                .Append("destination_cluster=\"Kubernetes\",request_protocol=\"http\",response_code=\"200\",grpc_response_status=\"\",response_flags=\"-\",connection_security_policy=\"unknown\"} ")
                .Append(count).Append('\n');
        }

        return text.ToString();
    }
}
