using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Signatures;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary><c>ewids proxy</c> runs the same signatures as the sink: a rule match in the body blocks in enforce mode.</summary>
public sealed class ProxySignatureTests : IDisposable
{
    private const string Rule =
        "alert http any any -> any any (msg:\"test: marker in the body\"; flow:to_server; http.request_body; " +
        "content:\"EWIDS-ATTACK-MARKER\"; classtype:web-application-attack; sid:1000001; rev:1;)\n";

    private readonly string _rules = Directory.CreateTempSubdirectory("ewids-proxy-rules-").FullName;

    public ProxySignatureTests() => File.WriteAllText(Path.Combine(_rules, "test.rules"), Rule);

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    [Fact]
    public async Task Enforce_SignatureMatchInTheBody_Gets403_BenignBodyIsForwarded()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            Rules = RuleSources.From([_rules], TimeSpan.FromMilliseconds(10)),
        });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var attack = await client.SendAsync(Post("{\"note\":\"EWIDS-ATTACK-MARKER\"}"));
        using var benign = await client.SendAsync(Post("{\"note\":\"hello\"}"));

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        using var json = JsonDocument.Parse(await attack.Content.ReadAsStringAsync());
        Assert.Equal(1000001, Assert.Single(json.RootElement.GetProperty("decided_by").EnumerateArray()).GetProperty("sid").GetInt32());
        Assert.Equal(HttpStatusCode.OK, benign.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.DoesNotContain("EWIDS-ATTACK-MARKER", Encoding.UTF8.GetString(received.Body));
    }

    /// <summary>
    /// A JSON body longer than the inspected prefix: its rest would be forwarded uninspected, so 9100054 says so (and
    /// the prefix's cut string is no JSON error); listed in <c>--block-sids</c>, it is refused before the upstream
    /// hears of it, as ModSecurity's <c>SecRequestBodyLimitAction Reject</c> refuses a body past its limit. A body of
    /// exactly the budget with its Content-Length is inspected whole.
    /// </summary>
    [Theory]
    [InlineData(true, false, 5000, HttpStatusCode.OK, "allowed")]
    [InlineData(true, true, 5000, HttpStatusCode.Forbidden, "blocked")]
    [InlineData(false, true, 40_000, HttpStatusCode.OK, "allowed")] // monitor mode keeps a 16 KiB tail: longer than both
    [InlineData(true, true, 1024, HttpStatusCode.OK, null)]
    [InlineData(false, true, 1024, HttpStatusCode.OK, null)]
    public async Task BodyLongerThanTheInspectedPrefix_RaisesItsFinding_AndBlocksWhenItsSidIsListed(bool enforce, bool blockSid, int length, HttpStatusCode expected, string? action)
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = enforce ? ProxyMode.Enforce : ProxyMode.Monitor,
            BlockRule = BlockRule.Default with { Sids = blockSid ? new HashSet<int> { 9100054 } : null },
            Inspection = o.Inspection with { EmitHttpRecords = true, MaxInspectedBodyBytes = 1024 },
            Rules = RuleSources.From([_rules], TimeSpan.FromMilliseconds(10)), // a rule that reads the body decodes it
        });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        string json = "{\"comment\":\"" + new string('a', length - 21) + "\",\"id\":1}";
        Assert.Equal(length, json.Length);

        using var response = await client.SendAsync(Post(json));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, upstream.Received.Count);
        await proxy.Alerts.WaitForAsync(r => r.Any(l => l.GetProperty("event_type").GetString() == "http"), what: "the http record");
        if (action is null)
        {
            Assert.Empty(proxy.Alerts.Alerts(9100054));
        }
        else
        {
            await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(9100054).Count == 1, what: "alert 9100054");
            Assert.Equal(action, proxy.Alerts.Alerts(9100054)[0].GetProperty("alert").GetProperty("action").GetString());
        }

        Assert.Empty(proxy.Alerts.Alerts(9100049)); // the cut string of the prefix is no malformed JSON
        if (expected == HttpStatusCode.Forbidden)
        {
            using var decided = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(9100054, Assert.Single(decided.RootElement.GetProperty("decided_by").EnumerateArray()).GetProperty("sid").GetInt32());
        }
    }

    /// <summary>
    /// Monitor mode judges a body once it has gone by, so it keeps a long body's tail as the mirror port does: a payload
    /// after 100 KiB of padding is found, the middle is counted as uninspected, and the body reaches the upstream whole.
    /// </summary>
    [Fact]
    public async Task Monitor_PayloadPastThePaddedHead_FoundInTheTail()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartMonitorAsync(upstream);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        string json = "{\"pad\":\"" + new string('a', 100 * 1024) + "\",\"note\":\"EWIDS-ATTACK-MARKER\"}";

        using var response = await client.SendAsync(Post(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(json.Length, Assert.Single(upstream.Received).BodyLength);
        await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(1000001).Count == 1 && proxy.Alerts.Alerts(9100054).Count == 1, what: "the rule's alert and 9100054");
        Assert.Equal(json.Length - 1024 - 4096, await proxy.WaitForMetricAsync("eastwestids_body_uninspected_bytes_total", json.Length - 1024 - 4096));
    }

    /// <summary>
    /// A gRPC call keeps no tail in monitor mode: a streaming call may last hours and is judged on its first bytes, as
    /// soon as it has them, so everything past the head is counted as uninspected.
    /// </summary>
    [Fact]
    public async Task Monitor_Grpc_JudgedOnItsHead_WithoutATail()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await StartMonitorAsync(upstream);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        byte[] message = new byte[40_000];
        using var request = Post("{}");
        request.Content = new ByteArrayContent([0, .. BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(message.Length)), .. message]);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(40_005 - 1024, await proxy.WaitForMetricAsync("eastwestids_body_uninspected_bytes_total", 40_005 - 1024));
    }

    /// <summary>A mistyped --block-sids would block nothing, silently: the proxy names the sids nothing has at start.</summary>
    [Fact]
    public void BlockSids_NoRuleOrFindingHas_AreNamed()
    {
        var rules = RuleSources.From([_rules], TimeSpan.FromMilliseconds(10)).Load().Set!;
        var rule = BlockRule.Default with { Sids = new HashSet<int> { 9100054, 1000001, 9200005, 4242, 9100055 } };

        Assert.Equal([4242, 9100055], BlockSidsCheck.Unknown(rule, rules));
        Assert.Empty(BlockSidsCheck.Unknown(BlockRule.Default, rules));
    }

    [Fact]
    public async Task Start_WithABrokenRuleFile_FailsNamingTheRule()
    {
        File.WriteAllText(Path.Combine(_rules, "broken.rules"), "alert http any any -> any any (msg:\"x\"; nosuchkeyword; sid:1000002; rev:1;)\n");
        await using var upstream = await RecordingUpstream.StartAsync();

        var error = await Assert.ThrowsAsync<SignatureLoadException>(() => ProxyServer.StartAsync(upstream, o => o with
        {
            Rules = RuleSources.From([_rules], TimeSpan.FromMilliseconds(10)),
        }));

        Assert.Contains(error.Errors, e => e.ToString().Contains("1000002", StringComparison.Ordinal));
    }

    /// <summary>A monitoring proxy with this class's rule, a 1 KiB head and a 4 KiB tail.</summary>
    private Task<ProxyServer> StartMonitorAsync(RecordingUpstream upstream) => ProxyServer.StartAsync(upstream, o => o with
    {
        Mode = ProxyMode.Monitor,
        Inspection = o.Inspection with { MaxInspectedBodyBytes = 1024, MaxInspectedBodyTailBytes = 4096 },
        Rules = RuleSources.From([_rules], TimeSpan.FromMilliseconds(10)),
    });

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reviews") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-forwarded-client-cert", MirrorRequests.Xfcc);
        return request;
    }
}
