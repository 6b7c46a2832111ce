using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// A request reaches the engine by three paths: the mirror port's HTTP/1.1 through our parser, the mirror port's HTTP/2
/// (a sidecar mirrors so when the mirror's port is declared for gRPC) and the inline proxy through Kestrel and
/// <c>HttpContextCapture</c>. What reaches the rules must not depend on which: an attack one path catches and another
/// misses is an evasion that costs the attacker a port name or a deployment mode. The same requests, sent by the same
/// client over each path with the shipped rules, must raise the same rules.
/// </summary>
public sealed class IngestParityTests
{
    // Fields HTTP/2 does not carry (RFC 9113 §8.2.2) or that the client writes itself: left out of every send.
    private static readonly HashSet<string> ConnectionFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "host", "content-length",
    };

    private static readonly Lazy<List<CorpusRequest>> Corpus = new(() =>
        [.. Requests(RepositoryPaths.InRepository("tests", "corpus", "benign-requests.jsonl"), every: 3)
            .Concat(Requests(RepositoryPaths.SharedFile("corpus", "crs-requests.jsonl"), every: 2))
            .Where(r => r.Sendable)]);

    [Fact]
    public async Task CorpusRequests_ToTheMirrorPort_OverHttp11AndH2c_RaiseTheSameRules()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = SinkServer.ShippedRules });

        await SendAsync(sink.MirrorPort, HttpVersion.Version11, "h1");
        await SendAsync(sink.MirrorPort, HttpVersion.Version20, "h2");

        AssertSameRules(await SettledRecordsAsync(sink.Alerts), "h1", "h2");
    }

    /// <summary>The bodies with Content-Length, then chunked: our parser and Kestrel each read both framings.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CorpusRequests_ToTheMirrorPortAndThroughTheProxy_RaiseTheSameRules(bool chunked)
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = SinkServer.ShippedRules });
        await using var upstream = await Proxy.RecordingUpstream.StartAsync();
        // Enforce: each request waits for its verdict. In monitor mode the client outruns the inspections and the
        // proxy sheds the excess (counted as overload), which is right for the proxy and useless for a comparison.
        await using var proxy = await Proxy.ProxyServer.StartAsync(upstream, o => o with { Rules = SinkServer.ShippedRules, Mode = EastWestIds.Host.Proxy.ProxyMode.Enforce });

        await SendAsync(sink.MirrorPort, HttpVersion.Version11, "mirror", chunked);
        await SendAsync(proxy.Port, HttpVersion.Version11, "proxy", chunked);

        // The one difference by design (README "Inline"): a body longer than the inspected budget is judged from its
        // head before its end, which the proxy says (9100054); the mirror port keeps its tail too and reads it whole.
        int budget = new EastWestIds.Engine.Inspection.InspectionOptions().MaxInspectedBodyBytes;
        AssertSameRules([.. await SettledRecordsAsync(sink.Alerts), .. await SettledRecordsAsync(proxy.Alerts)], "mirror", "proxy",
            ignored: (request, sid) => sid == 9100054 && request.BodyLength > budget);
    }

    /// <summary>
    /// The proxy's two listeners: HTTP/1.1 and h2c (<c>--listen-protocols http2</c>, for gRPC callers). Both go through
    /// Kestrel and <c>HttpContextCapture</c>, but HTTP/2 reaches them as frames, HPACK and a body of DATA frames, and
    /// the enforce step reads an HTTP/2 body without a length it knows in advance.
    /// </summary>
    [Fact]
    public async Task CorpusRequests_ThroughTheProxy_OverHttp11AndH2c_RaiseTheSameRules()
    {
        await using var upstream = await Proxy.RecordingUpstream.StartAsync();
        await using var http1 = await Proxy.ProxyServer.StartAsync(upstream, o => o with { Rules = SinkServer.ShippedRules, Mode = EastWestIds.Host.Proxy.ProxyMode.Enforce });
        await using var h2c = await Proxy.ProxyServer.StartAsync(upstream, o => o with
        {
            Rules = SinkServer.ShippedRules,
            Mode = EastWestIds.Host.Proxy.ProxyMode.Enforce,
            ListenProtocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2,
        });

        await SendAsync(http1.Port, HttpVersion.Version11, "h1");
        await SendAsync(h2c.Port, HttpVersion.Version20, "h2");

        AssertSameRules([.. await SettledRecordsAsync(http1.Alerts), .. await SettledRecordsAsync(h2c.Alerts)], "h1", "h2");
    }

    /// <summary>Sends every corpus request to <paramref name="port"/>, its id suffixed with <paramref name="path"/>.</summary>
    private static async Task SendAsync(int port, Version version, string path, bool chunked = false)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        });
        foreach (var request in Corpus.Value)
        {
            using var message = request.Message(port, version, path, chunked);
            using var response = await client.SendAsync(message!);
            Assert.Equal(version, response.Version);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{request.Id}@{path}: {(int)response.StatusCode}");
        }
    }

    private static void AssertSameRules(IReadOnlyList<JsonElement> records, string reference, string other, Func<CorpusRequest, int, bool>? ignored = null)
    {
        var alerts = records.Where(r => r.GetProperty("event_type").GetString() == "alert").ToList();
        var unnamed = alerts.Where(r => RequestId(r) is null).Select(r => r.GetRawText()).ToList();
        Assert.True(unnamed.Count == 0, $"{unnamed.Count} alerts without the request's id:\n{string.Join('\n', unnamed.Take(5))}");
        var sids = alerts
            .GroupBy(r => RequestId(r)!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32()).Order().ToList());

        var differences = new List<string>();
        int withAlerts = 0;
        foreach (var request in Corpus.Value)
        {
            var first = (sids.GetValueOrDefault($"{request.Id}@{reference}") ?? []).Where(sid => ignored?.Invoke(request, sid) != true).ToList();
            var second = (sids.GetValueOrDefault($"{request.Id}@{other}") ?? []).Where(sid => ignored?.Invoke(request, sid) != true).ToList();
            withAlerts += first.Count > 1 ? 1 : 0;
            if (!first.SequenceEqual(second))
            {
                differences.Add($"{request.Id}: {reference} [{string.Join(", ", first)}], {other} [{string.Join(", ", second)}]");
            }
        }

        Assert.True(Corpus.Value.Count > 3000, $"only {Corpus.Value.Count} corpus requests can be sent over both");
        Assert.True(withAlerts > 1500, $"only {withAlerts} requests raised more than the identity finding: the shipped rules did not load");
        Assert.True(differences.Count == 0, $"{differences.Count} requests raised other rules through {other}:\n{string.Join('\n', differences.Take(40))}");
    }

    private static string? RequestId(JsonElement record) =>
        record.TryGetProperty("mesh", out var mesh) && mesh.TryGetProperty("request_id", out var id) ? id.GetString() : null;

    /// <summary>The EVE records once no new one came for two seconds: every response was read, so only the last verdicts can be in flight.</summary>
    private static async Task<IReadOnlyList<JsonElement>> SettledRecordsAsync(InMemoryAlertWriter alerts)
    {
        int count = -1;
        while (alerts.Records.Count != count)
        {
            count = alerts.Records.Count;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return alerts.Records;
    }

    private static IEnumerable<CorpusRequest> Requests(string path, int every) =>
        File.ReadLines(path)
            .Where((_, i) => i % every == 0)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Where(r => !r.TryGetProperty("raw_b64", out _))
            .Select(r => new CorpusRequest(r));

    private sealed class CorpusRequest(JsonElement record)
    {
        public string Id { get; } = record.GetProperty("id").ValueKind == JsonValueKind.String
            ? record.GetProperty("id").GetString()! : record.GetProperty("id").GetRawText();

        public int BodyLength => Body().Length;

        /// <summary>Whether the client can send it as recorded (not a malformed field or target).</summary>
        public bool Sendable => Message(80, HttpVersion.Version11, "check") is { } message && Dispose(message);

        /// <summary>The request to one port over one protocol; null when the client cannot send it as recorded.</summary>
        public HttpRequestMessage? Message(int port, Version version, string path, bool chunked = false)
        {
            string uri = record.GetProperty("uri").GetString()!;
            string method = record.TryGetProperty("method", out var m) ? m.GetString()! : "GET";
            if (!uri.StartsWith('/') || method is "CONNECT" || method.Length == 0 || !method.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)) || !Uri.TryCreate($"http://127.0.0.1:{port}{uri}", UriKind.Absolute, out var target)
                || target.PathAndQuery != uri)
            {
                return null;
            }

            var message = new HttpRequestMessage(new HttpMethod(method), target) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            byte[] body = Body();
            if (body.Length > 0)
            {
                // A stream of unknown length goes out chunked over HTTP/1.1.
                message.Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            }

            string? host = null;
            foreach (var header in record.GetProperty("headers").EnumerateArray())
            {
                string name = header[0].GetString()!;
                // Its UTF-8 bytes, one char each: the client writes header values as Latin-1 (SendAsync), so the bytes on
                // the wire are the recording's UTF-8, as `ewids scan` sends them.
                string value = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(header[1].GetString()!));
                if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
                {
                    host ??= value;
                    continue;
                }

                if (ConnectionFields.Contains(name))
                {
                    continue;
                }

                bool added = name.StartsWith("content-", StringComparison.OrdinalIgnoreCase)
                    ? message.Content is not null && message.Content.Headers.TryAddWithoutValidation(name, value)
                    : message.Headers.TryAddWithoutValidation(name, value);
                if (!added || value.Any(c => c is '\r' or '\n' or '\0' or '\x7f'))
                {
                    message.Dispose();
                    return null;
                }
            }

            if (host is null || host.Length == 0 || host.Any(c => c <= ' ' || c > 0x7e || c is '/' or '?' or '#' or '@' or '\\'))
            {
                message.Dispose();
                return null;
            }

            try
            {
                message.Headers.Host = host;
            }
            catch (FormatException)
            {
                message.Dispose();
                return null;
            }

            message.Headers.Remove("x-request-id");
            message.Headers.TryAddWithoutValidation("x-request-id", $"{Id}@{path}");
            return message;
        }

        private byte[] Body() => record.TryGetProperty("body_base64", out var b64) && b64.GetBoolean()
            ? Convert.FromBase64String(record.GetProperty("body").GetString()!)
            : Encoding.UTF8.GetBytes(record.TryGetProperty("body", out var text) ? text.GetString() ?? "" : "");

        private static bool Dispose(HttpRequestMessage message)
        {
            message.Dispose();
            return true;
        }
    }
}
