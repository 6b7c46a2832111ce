using System.Collections.Immutable;
using System.Globalization;
using EastWestIds.Inventory.Model.Istio;
using EastWestIds.Policy.Compilation.Matchers;
using EastWestIds.Policy.Matching;

namespace EastWestIds.Policy.Compilation;

public sealed partial class PolicyCompiler
{
    /// <summary>Compiles one rule for HTTP or for TCP; errors are reported from the HTTP pass only.</summary>
    private sealed class RuleContext(PolicyCompiler owner, AuthorizationPolicyConfig policy, PolicyAction action, int index, bool forTcp, Action<string>? report)
    {
        private bool _dropped;

        public bool UsesRequestAuth { get; private set; }

        public CompiledRule? Compile(RuleConfig rule)
        {
            var when = new List<Clause>();
            foreach (var condition in rule.When)
            {
                if (condition.Values.IsDefaultOrEmpty && condition.NotValues.IsDefaultOrEmpty)
                {
                    report?.Invoke($"when '{condition.Key}' has neither values nor notValues (Istio rejects it); ignored");
                    continue;
                }

                if (!TryConditionFactory(condition.Key, out var factory, out var error))
                {
                    report?.Invoke($"{error}; the rule is skipped, as Istio does");
                    return null;
                }

                var values = condition.Key == "source.principal" ? owner.Principals(condition.Values)
                    : condition.Key == "source.trustDomain" ? owner.TrustDomains(condition.Values)
                    : condition.Values.IsDefault ? [] : condition.Values;
                var notValues = condition.Key == "source.principal" ? owner.Principals(condition.NotValues)
                    : condition.Key == "source.trustDomain" ? owner.TrustDomains(condition.NotValues)
                    : condition.NotValues.IsDefault ? [] : condition.NotValues;
                Add(when, condition.Key, values, notValues, factory);
            }

            var from = new List<Clause[]>();
            foreach (var source in rule.From)
            {
                var clauses = new List<Clause>();
                if (source is not null)
                {
                    if (!source.ServiceAccounts.IsDefaultOrEmpty && (!source.Principals.IsDefaultOrEmpty || !source.Namespaces.IsDefaultOrEmpty))
                    {
                        report?.Invoke("serviceAccounts together with principals or namespaces is rejected by Istio; all are evaluated");
                    }

                    Add(clauses, "principals", owner.Principals(source.Principals), owner.Principals(source.NotPrincipals), PrincipalFactory);
                    Add(clauses, "namespaces", source.Namespaces, source.NotNamespaces, v => new NamespaceMatcher(v));
                    Add(clauses, "serviceAccounts", source.ServiceAccounts, source.NotServiceAccounts, ServiceAccountFactory);
                    Add(clauses, "trustDomains", owner.TrustDomains(source.TrustDomains), owner.TrustDomains(source.NotTrustDomains), v => new TrustDomainMatcher(v));
                    Add(clauses, "requestPrincipals", source.RequestPrincipals, source.NotRequestPrincipals, RequestPrincipalFactory);
                    Add(clauses, "ipBlocks", source.IpBlocks, source.NotIpBlocks, v => IpFactory(v, IpSource.DirectPeer));
                    Add(clauses, "remoteIpBlocks", source.RemoteIpBlocks, source.NotRemoteIpBlocks, v => IpFactory(v, IpSource.Remote));
                }

                from.Add([.. clauses]);
            }

            var to = new List<Clause[]>();
            foreach (var operation in rule.To)
            {
                var clauses = new List<Clause>();
                if (operation is not null)
                {
                    Add(clauses, "hosts", operation.Hosts, operation.NotHosts, v => new HostMatcher(v));
                    Add(clauses, "methods", operation.Methods, operation.NotMethods, v => new MethodMatcher(v));
                    Add(clauses, "paths", operation.Paths, operation.NotPaths, PathFactory);
                    Add(clauses, "ports", operation.Ports, operation.NotPorts, PortFactory);
                }

                to.Add([.. clauses]);
            }

            return _dropped ? null : new CompiledRule(index, [.. from], [.. to], [.. when]);
        }

        private void Add(List<Clause> clauses, string attribute, ImmutableArray<string> values, ImmutableArray<string> notValues, Func<string, object> factory)
        {
            var positive = Build(attribute, values, factory);
            var negative = Build(attribute, notValues, factory);
            if (positive.Length > 0 || negative.Length > 0)
            {
                clauses.Add(new Clause(attribute, positive, negative));
            }
        }

        private AttributeMatcher[] Build(string attribute, ImmutableArray<string> values, Func<string, object> factory)
        {
            if (values.IsDefaultOrEmpty)
            {
                return [];
            }

            var matchers = new List<AttributeMatcher>(values.Length);
            foreach (var value in values)
            {
                if (value.Length == 0)
                {
                    Fail($"{attribute}: empty value (Istio rejects it)");
                    continue;
                }

                switch (factory(value))
                {
                    case string error:
                        Fail($"{attribute}: {error}");
                        break;
                    case AttributeMatcher matcher:
                        UsesRequestAuth |= matcher is RequestPrincipalMatcher or ClaimMatcher;
                        if (forTcp && matcher.HttpOnly)
                        {
                            // §3.7: an ALLOW rule that needs an HTTP attribute cannot match TCP traffic at all;
                            // DENY/AUDIT/CUSTOM simply lose the condition
                            _dropped |= action == PolicyAction.Allow;
                            break;
                        }

                        matchers.Add(matcher);
                        break;
                }
            }

            return [.. matchers];
        }

        private void Fail(string message)
        {
            if (action == PolicyAction.Allow)
            {
                _dropped = true;
                report?.Invoke($"{message}; the ALLOW rule is dropped (narrower)");
            }
            else
            {
                report?.Invoke($"{message}; the value is ignored ({action} widens)");
            }
        }

        private object PrincipalFactory(string value)
        {
            if (value.StartsWith("spiffe://", StringComparison.Ordinal))
            {
                report?.Invoke($"principal '{value}' starts with spiffe://, so it never matches (write it without the scheme)");
            }

            return new PrincipalPatternMatcher(value);
        }

        private object ServiceAccountFactory(string value) =>
            value.Contains('*') ? $"'{value}': serviceAccounts take no wildcards" : new ServiceAccountMatcher(value, policy.Namespace);

        private static object RequestPrincipalFactory(string value) => new RequestPrincipalMatcher(value);

        private static object IpFactory(string value, IpSource source) =>
            CidrBlock.TryParse(value, out var block) ? new IpBlockMatcher(block, source, value) : $"'{value}' is not an IP or CIDR";

        private static object PathFactory(string value)
        {
            if (!PathTemplate.IsTemplate(value))
            {
                return new PathMatcher(value);
            }

            return PathTemplate.TryParse(value, out var template, out var error) ? new PathTemplateMatcher(template!) : error!;
        }

        private static object PortFactory(string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
                ? new PortMatcher(port)
                : $"'{value}' is not a port";

        private bool TryConditionFactory(string key, out Func<string, object> factory, out string error)
        {
            error = "";
            factory = key switch
            {
                "source.ip" => v => IpFactory(v, IpSource.DirectPeer),
                "remote.ip" => v => IpFactory(v, IpSource.Remote),
                "destination.ip" => v => IpFactory(v, IpSource.Destination),
                "destination.port" => PortFactory,
                "connection.sni" => v => new SniMatcher(v),
                "source.namespace" => v => new NamespaceMatcher(v),
                "source.principal" => PrincipalFactory,
                "source.serviceAccount" => ServiceAccountFactory,
                "source.trustDomain" => v => new TrustDomainMatcher(v),
                "request.auth.principal" => RequestPrincipalFactory,
                "request.auth.audiences" => v => new ClaimMatcher(["aud"], v),
                "request.auth.presenter" => v => new ClaimMatcher(["azp"], v),
                _ => null!,
            };

            if (factory is not null)
            {
                return true;
            }

            if (key.StartsWith("request.headers[", StringComparison.Ordinal))
            {
                if (!TryBracketNames(key["request.headers".Length..], out var names) || names.Length != 1)
                {
                    error = $"'{key}': expected request.headers[<name>]";
                    return false;
                }

                string header = names[0];
                factory = v => new HeaderMatcher(header, v);
                return true;
            }

            if (key.StartsWith("request.auth.claims[", StringComparison.Ordinal))
            {
                if (!TryBracketNames(key["request.auth.claims".Length..], out var names))
                {
                    error = $"'{key}': expected request.auth.claims[<name>][<nested>]…";
                    return false;
                }

                factory = v => new ClaimMatcher(names, v);
                return true;
            }

            if (key.StartsWith("experimental.envoy.filters.", StringComparison.Ordinal))
            {
                factory = v => new DynamicMetadataMatcher(key, v);
                return true;
            }

            error = key is "destination.namespace" or "destination.name" or "destination.user" || key.StartsWith("destination.labels[", StringComparison.Ordinal)
                ? $"'{key}' is no longer supported by Istio (use the policy namespace or selector)"
                : $"unknown condition key '{key}'";
            return false;
        }

        // "[a][b]" → ["a", "b"]; every name non-empty, nothing outside brackets
        private static bool TryBracketNames(string text, out ImmutableArray<string> names)
        {
            var list = ImmutableArray.CreateBuilder<string>();
            int i = 0;
            while (i < text.Length)
            {
                if (text[i] != '[')
                {
                    names = [];
                    return false;
                }

                int end = text.IndexOf(']', i);
                if (end < 0 || end == i + 1)
                {
                    names = [];
                    return false;
                }

                list.Add(text[(i + 1)..end]);
                i = end + 1;
            }

            names = list.ToImmutable();
            return names.Length > 0;
        }
    }
}
