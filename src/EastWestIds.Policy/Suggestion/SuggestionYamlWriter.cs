using System.Text.Json;

namespace EastWestIds.Policy.Suggestion;

/// <summary>
/// Writes suggested policies as multi-document YAML that <c>kubectl apply -f</c> takes as it is. Every string is a
/// double-quoted scalar with JSON escapes (a subset of YAML's), so principals, paths and label values from traffic
/// can never break the document's structure.
/// </summary>
public static class SuggestionYamlWriter
{
    /// <summary>Writes every policy; with <paramref name="dryRun"/> each carries <c>istio.io/dry-run: "true"</c>.</summary>
    public static void Write(TextWriter writer, SuggestionResult result, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteLine($"# Suggested by 'ewids policy suggest' from {result.EdgesUsed} baseline edge(s): least-privilege ALLOW policies,");
        writer.WriteLine("# one per destination workload. Review them; an ALLOW policy denies every call it does not list.");
        foreach (var note in result.Notes)
        {
            writer.WriteLine($"# note: {OneLine(note)}");
        }

        foreach (var policy in result.Policies)
        {
            writer.WriteLine("---");
            writer.WriteLine($"# for {OneLine(string.Join(", ", policy.Workloads))}");
            writer.WriteLine("apiVersion: security.istio.io/v1");
            writer.WriteLine("kind: AuthorizationPolicy");
            writer.WriteLine("metadata:");
            writer.WriteLine($"  name: {Q(policy.Name)}");
            writer.WriteLine($"  namespace: {Q(policy.Namespace)}");
            writer.WriteLine("  labels:");
            writer.WriteLine("    \"app.kubernetes.io/managed-by\": \"ewids-policy-suggest\"");
            if (dryRun)
            {
                writer.WriteLine("  annotations:");
                writer.WriteLine("    \"istio.io/dry-run\": \"true\"");
            }

            writer.WriteLine("spec:");
            writer.WriteLine("  selector:");
            writer.WriteLine("    matchLabels:");
            foreach (var (key, value) in policy.Selector)
            {
                writer.WriteLine($"      {Q(key)}: {Q(value)}");
            }

            writer.WriteLine("  action: ALLOW");
            writer.WriteLine("  rules:");
            foreach (var rule in policy.Rules)
            {
                writer.WriteLine("  - from:");
                writer.WriteLine("    - source:");
                writer.WriteLine($"        principals: [{Q(rule.Principal)}]");
                writer.WriteLine("    to:");
                foreach (var operation in rule.Operations)
                {
                    writer.WriteLine("    - operation:");
                    writer.WriteLine($"        methods: [{string.Join(", ", operation.Methods.Select(Q))}]");
                    writer.WriteLine($"        paths: [{string.Join(", ", operation.Paths.Select(Q))}]");
                }
            }
        }
    }

    private static string Q(string value) => JsonSerializer.Serialize(value);

    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
