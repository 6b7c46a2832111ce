using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// End to end against a mirror that is not ours: a real nginx proxies to a primary and copies each request to
/// the sink with its <c>mirror</c> directive, adding the headers a caller's sidecar and the sink's sidecar would
/// (shadow Host, XFCC, x-request-id) over keep-alive upstream connections. Every mirrored request must come out
/// as an EVE <c>http</c> record naming caller and callee.
/// </summary>
public sealed class NginxMirrorTests
{
    private const string Caller = "spiffe://cluster.local/ns/default/sa/bookinfo-productpage";
    private const string SinkIdentity = "spiffe://cluster.local/ns/ewids-system/sa/ewids";
    private const string CertHash = "e40c4b6fc2d0a6c1a0a1f6c3b35b77e2b1ad4b7c3e7f0c8f1d2a3b4c5d6e74df";
    private const int RequestCount = 50;

    [Fact]
    public async Task MirrorThroughNginx_EveryRequest_AnalysedWithCallerAndCallee()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Inspection = o.Inspection with { SinkIdentity = SinkIdentity } });
        var front = NginxProcess.FreePort();
        var primary = NginxProcess.FreePort();
        await using var nginx = await NginxProcess.StartAsync(HttpBlock(front, primary, sink.MirrorPort), [primary, front]);

        var requests = Enumerable.Range(0, RequestCount).Select(NewRequest).ToArray();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{front}"), Timeout = TimeSpan.FromSeconds(30) };
        var sent = new Dictionary<string, Sent>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancellationToken) =>
        {
            using var message = new HttpRequestMessage(request.Method, request.PathAndQuery);
            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new("application/json");
            }

            using var response = await client.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{request.Method} {request.PathAndQuery}: {(int)response.StatusCode} {body}\n{nginx.Diagnostics()}");
            var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
            // The primary echoes what it got, so the answer proves it is the primary's, for this very request.
            Assert.Equal($"primary {request.Method} {request.PathAndQuery} {requestId}\n", body);
            lock (sent)
            {
                sent.Add(requestId, request with { RequestId = requestId });
            }
        });

        var records = await sink.Alerts.WaitForAsync(
            all => MirroredRecords(all, sent).Count() >= RequestCount,
            TimeSpan.FromSeconds(20),
            $"an http record for each of the {RequestCount} requests nginx mirrored");

        var mirrored = MirroredRecords(records, sent).ToArray();
        foreach (var (requestId, request) in sent)
        {
            var record = Assert.Single(mirrored, r => Mesh(r, "request_id")?.GetString() == requestId);
            var http = record.GetProperty("http");
            Assert.Equal(request.PathAndQuery, http.GetProperty("url").GetString());
            Assert.Equal(request.Method.Method, http.GetProperty("http_method").GetString());
            Assert.Equal("HTTP/1.1", http.GetProperty("protocol").GetString());
            Assert.Equal(request.Body?.Length ?? 0, http.GetProperty("length").GetInt64());
            Assert.Equal(Caller, Mesh(record, "source_principal")?.GetString());
            Assert.Equal("reviews", Mesh(record, "destination_service_name")?.GetString());
            Assert.Equal("default", Mesh(record, "destination_service_namespace")?.GetString());
            Assert.Equal(9080, Mesh(record, "destination_port")?.GetInt32());
            Assert.True(Mesh(record, "shadow_suffix")?.GetBoolean(), "the -shadow suffix was seen and removed");
        }

        // A well-formed XFCC whose By is the sink: no identity finding, and nothing else in these requests is bad.
        Assert.True(sink.Alerts.OfType("alert").Count == 0, "no alerts expected:\n" + string.Join("", sink.Alerts.Lines));

        // nginx kept its upstream connections to the sink open: the sink answered keep-alive correctly.
        var connections = mirrored.Select(r => r.GetProperty("flow_id").GetInt64()).Distinct().Count();
        Assert.True(connections < RequestCount / 2, $"{connections} sink connections for {RequestCount} mirrored requests: keep-alive not reused");

        // A sink answer nginx did not like (bad framing, early close) shows up only in nginx's error log.
        var errors = nginx.ErrorLines();
        Assert.True(errors.Count == 0, "nginx logged errors:\n" + string.Join("\n", errors));
    }

    private static IEnumerable<JsonElement> MirroredRecords(IReadOnlyList<JsonElement> records, Dictionary<string, Sent> sent)
    {
        lock (sent)
        {
            return records
                .Where(r => r.GetProperty("event_type").GetString() == "http" && Mesh(r, "request_id")?.GetString() is { } id && sent.ContainsKey(id))
                .ToArray();
        }
    }

    private static JsonElement? Mesh(JsonElement record, string name)
        => record.TryGetProperty("mesh", out var mesh) && mesh.TryGetProperty(name, out var value) ? value : null;

    /// <summary>GETs with queries, and every fifth a POST; the last POST is larger than nginx's in-memory body buffer.</summary>
    private static Sent NewRequest(int i)
    {
        if (i % 5 != 4)
        {
            return new Sent(HttpMethod.Get, $"/reviews/{i}?page={i % 3}", null);
        }

        var size = i == RequestCount - 1 ? 40_000 : 64 + (i * 7);
        var json = new StringBuilder($"{{\"reviewer\":\"reader{i}\",\"text\":\"");
        json.Append('x', size - json.Length - 2).Append("\"}");
        return new Sent(HttpMethod.Post, $"/reviews/{i}", Encoding.ASCII.GetBytes(json.ToString()));
    }

    /// <summary>
    /// A primary that echoes what it received; a front server that proxies to it and mirrors each request to the
    /// sink, as the caller's sidecar would (shadow Host, x-request-id), with the XFCC the sink's sidecar would add.
    /// </summary>
    private static string HttpBlock(int front, int primary, int sinkPort) => $$"""
            upstream primary {
                server 127.0.0.1:{{primary}};
                keepalive 8;
            }
            upstream ewids {
                server 127.0.0.1:{{sinkPort}};
                keepalive 8;
            }

            server {
                listen 127.0.0.1:{{primary}};
                location / {
                    return 200 "primary $request_method $request_uri $http_x_request_id\n";
                }
            }

            server {
                listen 127.0.0.1:{{front}};
                client_max_body_size 1m;

                location / {
                    mirror /__ewids_mirror;
                    mirror_request_body on;
                    add_header X-Request-Id $request_id always;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header x-request-id $request_id;
                    proxy_pass http://primary;
                }

                location = /__ewids_mirror {
                    internal;
                    proxy_pass http://ewids$request_uri;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host reviews-shadow:9080;
                    proxy_set_header x-request-id $request_id;
                    proxy_set_header x-envoy-attempt-count 1;
                    proxy_set_header x-forwarded-proto http;
                    proxy_set_header x-forwarded-client-cert 'By={{SinkIdentity}};Hash={{CertHash}};Subject="";URI={{Caller}}';
                }
            }
        """;

    private sealed record Sent(HttpMethod Method, string PathAndQuery, byte[]? Body)
    {
        public string? RequestId { get; init; }
    }
}
