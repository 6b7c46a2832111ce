using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// A sidecar mirrors a call over HTTP/2 when the mirror's port is declared so (gRPC) and over HTTP/1.1 otherwise, and
/// the two reach the engine by different paths: HTTP/1.1 through our parser, HTTP/2 through Kestrel's HPACK decoding
/// and <c>HttpContextCapture</c>. Whatever reaches the rules must not depend on which: an attack the HTTP/1.1 path
/// catches and the HTTP/2 one misses is an evasion that costs the attacker one port name. The same requests, sent by
/// the same client over both to a sink with the shipped rules, must raise the same rules.
/// </summary>
public sealed class H2cParityTests
{
    // Fields HTTP/2 does not carry (RFC 9113 §8.2.2) or that the client writes itself: left out of both sends.
    private static readonly HashSet<string> ConnectionFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "host", "content-length",
    };

    [Fact]
    public async Task CorpusRequests_OverHttp11AndH2c_RaiseTheSameRules()
    {
        var requests = Requests(RepositoryPaths.InRepository("tests", "corpus", "benign-requests.jsonl"), every: 3)
            .Concat(Requests(RepositoryPaths.SharedFile("corpus", "crs-requests.jsonl"), every: 2))
            .ToList();
        await using var sink = await SinkServer.StartAsync(o => o with
        {
            Rules = Signatures.RuleSources.From([RepositoryPaths.InRepository("signatures")], TimeSpan.FromSeconds(1)),
        });
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.None });

        int sent = 0;
        var skipped = new List<string>();
        foreach (var request in requests)
        {
            foreach (var version in new[] { HttpVersion.Version11, HttpVersion.Version20 })
            {
                using var message = request.Message(sink.MirrorPort, version);
                if (message is null)
                {
                    skipped.Add(request.Id);
                    break;
                }

                using var response = await client.SendAsync(message);
                Assert.Equal(version, response.Version);
                sent++;
            }
        }

        var records = await SettledRecordsAsync(sink);
        var alerts = records.Where(r => r.GetProperty("event_type").GetString() == "alert").ToList();
        var unnamed = alerts.Where(r => RequestId(r) is null).Select(r => r.GetRawText()).ToList();
        Assert.True(unnamed.Count == 0, $"{unnamed.Count} alerts without the request's id:\n{string.Join('\n', unnamed.Take(5))}");
        var sids = alerts
            .GroupBy(r => RequestId(r)!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32()).Order().ToList());

        var differences = new List<string>();
        int withAlerts = 0;
        foreach (var request in requests.Where(r => !skipped.Contains(r.Id)))
        {
            var http11 = sids.GetValueOrDefault(request.Id + "@h1") ?? [];
            var http2 = sids.GetValueOrDefault(request.Id + "@h2") ?? [];
            withAlerts += http11.Count > 0 ? 1 : 0;
            if (!http11.SequenceEqual(http2))
            {
                differences.Add($"{request.Id}: HTTP/1.1 [{string.Join(", ", http11)}], HTTP/2 [{string.Join(", ", http2)}]");
            }
        }

        Assert.True(sent / 2 > 3000, $"only {sent / 2} requests sent over both ({skipped.Count} skipped)");
        Assert.True(withAlerts > 1500, $"only {withAlerts} requests raised anything: the shipped rules did not load");
        Assert.True(differences.Count == 0, $"{differences.Count} requests raised other rules over HTTP/2:\n{string.Join('\n', differences.Take(40))}");
    }

    private static string? RequestId(JsonElement record) =>
        record.TryGetProperty("mesh", out var mesh) && mesh.TryGetProperty("request_id", out var id) ? id.GetString() : null;

    /// <summary>The EVE records once no new one came for two seconds: every response was read, so only the last verdicts can be in flight.</summary>
    private static async Task<IReadOnlyList<JsonElement>> SettledRecordsAsync(SinkServer sink)
    {
        int count = -1;
        while (sink.Alerts.Records.Count != count)
        {
            count = sink.Alerts.Records.Count;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return sink.Alerts.Records;
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

        /// <summary>The request for one protocol; null when the client cannot send it as recorded (a malformed field, a bad target).</summary>
        public HttpRequestMessage? Message(int port, Version version)
        {
            string uri = record.GetProperty("uri").GetString()!;
            string method = record.TryGetProperty("method", out var m) ? m.GetString()! : "GET";
            if (!uri.StartsWith('/') || method is "CONNECT" || method.Length == 0 || !method.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)) || !Uri.TryCreate($"http://127.0.0.1:{port}{uri}", UriKind.Absolute, out var target)
                || target.PathAndQuery != uri)
            {
                return null;
            }

            var message = new HttpRequestMessage(new HttpMethod(method), target) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            byte[] body = record.TryGetProperty("body_base64", out var b64) && b64.GetBoolean()
                ? Convert.FromBase64String(record.GetProperty("body").GetString()!)
                : Encoding.UTF8.GetBytes(record.TryGetProperty("body", out var text) ? text.GetString() ?? "" : "");
            if (body.Length > 0)
            {
                message.Content = new ByteArrayContent(body);
            }

            string? host = null;
            foreach (var header in record.GetProperty("headers").EnumerateArray())
            {
                string name = header[0].GetString()!;
                string value = header[1].GetString()!;
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
                if (!added || value.Any(c => c is '\r' or '\n' or '\0' || c > 0x7e))
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
            message.Headers.TryAddWithoutValidation("x-request-id", $"{Id}@{(version.Major == 2 ? "h2" : "h1")}");
            return message;
        }
    }
}
