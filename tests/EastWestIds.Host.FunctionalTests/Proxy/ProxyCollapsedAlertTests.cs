using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Signatures;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// One alert per attack through <c>ewids proxy</c>: the collapsed alert carries the proxy's outcome and its related
/// sids together (EVE and store), and a suppression of the winning sid moves the alert to its sibling without
/// changing the verdict (a suppression silences alerts, not blocking).
/// </summary>
public sealed class ProxyCollapsedAlertTests : IDisposable
{
    // Two rules of one attack category (ewids_family sqli), both severity high (web-application-attack): both block,
    // and the lower sid wins the collapse.
    private const string Rules =
        "alert http any any -> any any (msg:\"test sqli: union\"; flow:to_server; http.request_body; content:\"UNION\"; nocase; "
        + "classtype:web-application-attack; sid:1000010; rev:1; metadata:ewids_family sqli;)\n"
        + "alert http any any -> any any (msg:\"test sqli: select\"; flow:to_server; http.request_body; content:\"SELECT\"; nocase; "
        + "classtype:web-application-attack; sid:1000012; rev:1; metadata:ewids_family sqli;)\n";

    private const int Winner = 1000010;
    private const int Sibling = 1000012;

    private readonly StoreDirectory _directory = new("ewids-proxy-collapse-");

    public ProxyCollapsedAlertTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory.Path, "rules"));
        File.WriteAllText(Path.Combine(_directory.Path, "rules", "test.rules"), Rules);
    }

    [Fact]
    public async Task Enforce_CollapsedAttack_OneBlockedAlertWithRelatedSids_SuppressedWinnerStillBlocksAndAlertsAsTheSibling()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            Rules = RuleSources.From([Path.Combine(_directory.Path, "rules")], TimeSpan.FromMilliseconds(10)),
            Store = new StoreHostOptions
            {
                Settings = new StoreSettings { DataDirectory = Path.Combine(_directory.Path, "data") },
                EdgeFlushInterval = TimeSpan.FromMilliseconds(200),
                InitialConnectTimeout = TimeSpan.FromSeconds(5),
            },
        });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        using (var attack = await client.SendAsync(Post("first")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        }

        // EVE: one line for the attack, the winner's, blocked, naming its sibling.
        var line = Assert.Single(proxy.Alerts.Alerts(Winner));
        Assert.Empty(proxy.Alerts.Alerts(Sibling));
        Assert.Equal("blocked", line.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal([Sibling.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            line.GetProperty("alert").GetProperty("metadata").GetProperty("ewids_related_sids").EnumerateArray().Select(e => e.GetString()));
        var mesh = line.GetProperty("mesh");
        Assert.Equal("blocked", mesh.GetProperty("outcome").GetString());
        Assert.Equal(Sibling, Assert.Single(mesh.GetProperty("related").EnumerateArray()).GetProperty("signature_id").GetInt32());

        // Store: the same alert with both its outcome and its related sids.
        var stored = await WaitForAlertAsync(admin, Winner);
        Assert.Equal("blocked", stored.GetProperty("outcome").GetString());
        var id = stored.GetProperty("id").GetInt64();
        var detail = await AdminJson.GetAsync(admin, $"/api/alerts/{id}");
        Assert.Equal("blocked", detail.GetProperty("outcome").GetString());
        Assert.Equal([Sibling], detail.GetProperty("relatedSids").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0, (await AdminJson.GetAsync(admin, $"/api/alerts?sid={Sibling}")).GetProperty("items").GetArrayLength());

        // Suppress the winner on this edge: the verdict stands (both rules block), the alert moves to the sibling.
        using (var suppress = new HttpRequestMessage(HttpMethod.Post, $"/api/alerts/{id}/suppress") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        using (var suppressed = await admin.SendAsync(suppress))
        {
            Assert.Equal(HttpStatusCode.Created, suppressed.StatusCode);
        }

        using (var again = await client.SendAsync(Post("second")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }

        var moved = Assert.Single(proxy.Alerts.Alerts(Sibling));
        Assert.Equal("blocked", moved.GetProperty("mesh").GetProperty("outcome").GetString());
        Assert.False(moved.GetProperty("mesh").TryGetProperty("related", out _));
        Assert.Single(proxy.Alerts.Alerts(Winner));
        var sibling = await WaitForAlertAsync(admin, Sibling);
        Assert.Equal("blocked", sibling.GetProperty("outcome").GetString());
        Assert.Empty((await AdminJson.GetAsync(admin, $"/api/alerts/{sibling.GetProperty("id").GetInt64()}")).GetProperty("relatedSids").EnumerateArray());
        Assert.Empty(upstream.Received);
    }

    private static HttpRequestMessage Post(string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reviews")
        {
            Content = new StringContent("{\"q\":\"1 UNION SELECT password FROM users\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-forwarded-client-cert", MirrorRequests.Xfcc);
        request.Headers.Add("x-request-id", requestId);
        return request;
    }

    private static async Task<JsonElement> WaitForAlertAsync(HttpClient admin, int sid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var page = await AdminJson.GetAsync(admin, $"/api/alerts?sid={sid}");
            if (page.GetProperty("items").GetArrayLength() > 0)
            {
                return page.GetProperty("items")[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"no stored alert {sid} after 15 s");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _directory.Dispose();
}
