using System.Text.Json;
using System.Text.RegularExpressions;
using EastWestIds.TestCommon;
using YamlDotNet.RepresentationModel;

namespace EastWestIds.Host.FunctionalTests.Monitoring;

/// <summary>The PromQL expressions shipped in istio/monitoring: the Grafana dashboard's and the Prometheus rules'.</summary>
internal static partial class MonitoringArtifacts
{
    public static string RulesFile => RepositoryPaths.InRepository("istio", "monitoring", "prometheus-rules.yaml");

    public static string RulesTestFile => RepositoryPaths.InRepository("istio", "monitoring", "prometheus-rules.test.yaml");

    public static string DashboardFile => RepositoryPaths.InRepository("istio", "monitoring", "grafana-dashboard.json");

    /// <summary>
    /// Every query of the dashboard (panel targets, rows' nested panels, template variables), with Grafana's macros and
    /// variables replaced by values Prometheus accepts, so each can be run as an instant query.
    /// </summary>
    public static IReadOnlyList<(string Where, string Expression)> DashboardQueries()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        var queries = new List<(string, string)>();
        foreach (var panel in Panels(document.RootElement.GetProperty("panels")))
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                queries.Add(($"panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}", Instant(target.GetProperty("expr").GetString()!)));
            }
        }

        foreach (var variable in document.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                var query = variable.GetProperty("query");
                var text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString()! : query.GetString()!;
                queries.Add(($"variable '{variable.GetProperty("name").GetString()}'", LabelValuesSelector(text)));
            }
        }

        return queries;
    }

    /// <summary>Every panel target's expression as written (Grafana variables not replaced).</summary>
    public static IReadOnlyList<(string Where, string Expression)> DashboardExpressions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DashboardFile));
        return Panels(document.RootElement.GetProperty("panels"))
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
    }

    /// <summary>The panel titled <paramref name="title"/> (rows' nested panels included).</summary>
    public static JsonElement Panel(JsonDocument dashboard, string title) =>
        Panels(dashboard.RootElement.GetProperty("panels")).Single(p => p.GetProperty("title").GetString() == title);

    /// <summary>Every rule's expression; an alert's is taken without its final threshold, so it has data before it fires.</summary>
    public static IReadOnlyList<(string Where, string Expression)> RuleQueries()
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(RulesFile))
        {
            stream.Load(reader);
        }

        var queries = new List<(string, string)>();
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (YamlMappingNode group in (YamlSequenceNode)root["groups"])
        {
            foreach (YamlMappingNode rule in (YamlSequenceNode)group["rules"])
            {
                var expr = ((YamlScalarNode)rule["expr"]).Value!;
                if (rule.Children.TryGetValue(new YamlScalarNode("record"), out var record))
                {
                    queries.Add(($"recording rule {record}", expr));
                    queries.Add(($"recorded series {record}", ((YamlScalarNode)record).Value!));
                }
                else
                {
                    queries.Add(($"alert {rule["alert"]}", Threshold().Replace(expr, string.Empty)));
                }
            }
        }

        return queries;
    }

    private static IEnumerable<JsonElement> Panels(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Panels(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Instant(string expression) => expression
        .Replace("$__rate_interval", "1m", StringComparison.Ordinal)
        .Replace("$__range", "5m", StringComparison.Ordinal)
        .Replace("$__interval", "1m", StringComparison.Ordinal)
        // Multi-value variables are used as regex matchers (=~"$namespace"); "All" is ".*".
        .Replace("\"$namespace\"", "\".*\"", StringComparison.Ordinal)
        .Replace("\"$service\"", "\".*\"", StringComparison.Ordinal);

    // label_values(metric{…}, label) is Grafana's; the data it needs is the metric's series.
    private static string LabelValuesSelector(string query)
    {
        var match = LabelValues().Match(query);
        return match.Success ? Instant(match.Groups["selector"].Value) : throw new InvalidOperationException($"unsupported variable query '{query}'");
    }

    [GeneratedRegex(@"\s*(>|<|==|!=|>=|<=)\s*[0-9.]+\s*$")]
    private static partial Regex Threshold();

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*\w+\)$")]
    private static partial Regex LabelValues();
}
