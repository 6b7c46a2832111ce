using System.Net;
using System.Text.Json;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// The query parameters the API reads by hand are in its OpenAPI document, and the document says what the API does:
/// every listed value is accepted, anything else gets a 400 naming the parameter.
/// </summary>
public sealed class OpenApiQueryParameterTests
{
    private static readonly string[] FilterNames = ["from", "to", "severity", "category", "family", "sid", "caller", "callee", "verdict", "state", "outcome"];

    [Fact]
    public async Task AlertListAndExports_DocumentEveryFilter_EdgesAndAuditTheirOwn()
    {
        await using var sink = await StoreSink.StartAsync();
        var paths = (await sink.GetJsonAsync("api/openapi.json")).GetProperty("paths");

        Assert.Equal([.. FilterNames, "limit", "cursor"], QueryNames(paths, "/api/alerts"));
        Assert.Equal(FilterNames, QueryNames(paths, "/api/export/alerts.jsonl"));
        Assert.Equal(FilterNames, QueryNames(paths, "/api/export/alerts.csv"));
        Assert.Equal(["since", "limit"], QueryNames(paths, "/api/edges"));
        Assert.Equal(["limit"], QueryNames(paths, "/api/alerts/{id}/audit"));
        Assert.Empty(QueryNames(paths, "/api/suppressions"));

        var severity = Parameter(paths, "/api/alerts", "severity").GetProperty("schema");
        Assert.Equal("array", severity.GetProperty("type").GetString());
        Assert.Equal(["high", "medium", "low", "info"], Enum(severity));
        Assert.Equal("integer", Parameter(paths, "/api/alerts", "limit").GetProperty("schema").GetProperty("type").GetString());
    }

    [Fact]
    public async Task EveryDocumentedValue_IsAccepted_AndAnyOtherIsA400NamingTheParameter()
    {
        await using var sink = await StoreSink.StartAsync();
        var paths = (await sink.GetJsonAsync("api/openapi.json")).GetProperty("paths");
        var listed = 0;
        foreach (var parameter in paths.GetProperty("/api/alerts").GetProperty("get").GetProperty("parameters").EnumerateArray())
        {
            var schema = parameter.GetProperty("schema");
            if (Enum(schema) is not { Length: > 0 } values)
            {
                continue;
            }

            var name = parameter.GetProperty("name").GetString()!;
            foreach (var value in values)
            {
                using var ok = await sink.Client.GetAsync($"api/alerts?{name}={value}");
                Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{name}={value}: {(int)ok.StatusCode}");
                listed++;
            }

            using var both = await sink.Client.GetAsync($"api/alerts?{name}={values[0]},{values[^1]}");
            Assert.Equal(HttpStatusCode.OK, both.StatusCode);
            await AdminApiTests.AssertProblemAsync(sink.Client, $"api/alerts?{name}=nonsense", HttpStatusCode.BadRequest, name);
        }

        Assert.True(listed >= 20, $"only {listed} enumerated values documented");
    }

    private static string[] QueryNames(JsonElement paths, string path)
        => paths.GetProperty(path).GetProperty("get").TryGetProperty("parameters", out var parameters)
            ? [.. parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)]
            : [];

    private static JsonElement Parameter(JsonElement paths, string path, string name)
        => paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static string[] Enum(JsonElement schema)
        => schema.TryGetProperty("items", out var items) && items.TryGetProperty("enum", out var values)
            ? [.. values.EnumerateArray().Select(v => v.GetString()!)]
            : [];
}
