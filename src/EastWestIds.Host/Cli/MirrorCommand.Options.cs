using System.CommandLine;
using System.Globalization;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Mirrors;

namespace EastWestIds.Host.Cli;

internal static partial class MirrorCommand
{
    /// <summary>A validated command line.</summary>
    internal sealed record MirrorSettings(ServiceHost Service, string? ListNamespace, double Percent, MirrorSinkOptions Sink, bool DryRun, string? Objects, IstioVersion? IstioVersion, string? Kubeconfig, string? Context);

    /// <summary>
    /// The options of one subcommand. Every value is read as text and checked here, so that each usage error exits 2
    /// with a message, never System.CommandLine's 1 (which means "refused" here).
    /// </summary>
    private sealed class MirrorOptions
    {
        private readonly string _verb;

        public MirrorOptions(string verb)
        {
            _verb = verb;
            Namespace = new Option<string>("--namespace", "-n") { Description = verb == "list" ? "Only this namespace's VirtualServices. [default: all]" : "The Service's namespace (or write SERVICE as NAME.NAMESPACE).", HelpName = "NAMESPACE", Arity = ArgumentArity.ZeroOrOne };
            All = verb switch
            {
                "add" => [Namespace, Percent, Sink, DryRun, Objects, IstioVersion, ClusterDomain, Kubeconfig, Context],
                "remove" => [Namespace, DryRun, Objects, ClusterDomain, Kubeconfig, Context],
                _ => [Namespace, Objects, ClusterDomain, Kubeconfig, Context],
            };
        }

        public Argument<string[]> Service { get; } = new("SERVICE") { Arity = ArgumentArity.ZeroOrMore, Description = "The Service to mirror: NAME with -n, or NAME.NAMESPACE." };

        public Option<string> Namespace { get; }

        public Option<string> Percent { get; } = new("--percent") { Description = "Share of requests to copy, more than 0 and at most 100. [default: 100]", HelpName = "P", Arity = ArgumentArity.ZeroOrOne };

        public Option<string> Sink { get; } = new("--sink") { Description = "The sink's Service. Without a port: 8080 for HTTP services, 8081 for gRPC/HTTP/2 ones. [default: ewids.ewids-system]", HelpName = "HOST[:PORT]", Arity = ArgumentArity.ZeroOrOne };

        public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the resulting VirtualServices as YAML instead of applying them." };

        public Option<string> Objects { get; } = new("--objects") { Description = "Read the cluster's objects from kubectl get -o yaml output (file or directory) instead of the API; needs --dry-run for add and remove.", HelpName = "PATH", Arity = ArgumentArity.ZeroOrOne };

        public Option<string> IstioVersion { get; } = new("--istio-version") { Description = "The control plane's version ('mirrors' needs 1.19+). [default: detected from istiod's image; offline: assumed older than 1.19]", HelpName = "X.Y", Arity = ArgumentArity.ZeroOrOne };

        public Option<string> ClusterDomain { get; } = new("--cluster-domain") { Description = "The cluster's DNS domain. [default: cluster.local]", HelpName = "DOMAIN", Arity = ArgumentArity.ZeroOrOne };

        public Option<string> Kubeconfig { get; } = new("--kubeconfig") { Description = "Kubeconfig file. [default: in-cluster config when KUBERNETES_SERVICE_HOST is set, else $KUBECONFIG or ~/.kube/config]", HelpName = "FILE", Arity = ArgumentArity.ZeroOrOne };

        public Option<string> Context { get; } = new("--context") { Description = "Kubeconfig context. [default: the current context]", HelpName = "NAME", Arity = ArgumentArity.ZeroOrOne };

        public Option[] All { get; }

        public MirrorSettings? Read(ParseResult parseResult, List<string> problems)
        {
            foreach (var token in parseResult.UnmatchedTokens)
            {
                problems.Add($"unknown option or argument '{token}'");
            }

            string? Value(Option option)
            {
                if (!All.Contains(option) || parseResult.GetResult(option) is not { Implicit: false } result)
                {
                    return null;
                }

                if (result.Tokens.Count == 0)
                {
                    problems.Add($"{option.Name}: needs a value");
                    return null;
                }

                return result.Tokens[^1].Value;
            }

            var domain = Value(ClusterDomain) ?? "cluster.local";
            var ns = Value(Namespace);
            ServiceHost service = default;
            if (_verb != "list")
            {
                var names = parseResult.GetValue(Service) ?? [];
                foreach (var unknown in names.Where(n => n.StartsWith('-')))
                {
                    problems.Add($"unknown option or argument '{unknown}'");
                }

                names = [.. names.Where(n => !n.StartsWith('-'))];
                if (names.Length != 1)
                {
                    problems.Add(names.Length == 0 ? "no SERVICE given" : $"one SERVICE at a time (got {names.Length})");
                }
                else if (ns is not null && !names[0].Contains('.'))
                {
                    service = new ServiceHost(names[0], ns);
                }
                else if (!ServiceHost.TryResolve(names[0], ns ?? string.Empty, domain, out service))
                {
                    problems.Add(ns is null && !names[0].Contains('.')
                        ? $"which namespace is '{names[0]}' in? Give -n NAMESPACE"
                        : $"'{names[0]}' is not a Service name (NAME, NAME.NAMESPACE or NAME.NAMESPACE.svc.{domain})");
                }
                else if (ns is not null && service.Namespace != ns)
                {
                    problems.Add($"'{names[0]}' is in namespace {service.Namespace}, not {ns}");
                }
            }

            var percent = 100.0;
            if (Value(Percent) is { } percentText
                && (!double.TryParse(percentText, NumberStyles.Float, CultureInfo.InvariantCulture, out percent) || !(percent > 0 && percent <= 100)))
            {
                problems.Add($"--percent: '{percentText}' is not a percentage above 0 and at most 100 (0 would switch the mirror off)");
            }

            var sink = new MirrorSinkOptions(MirrorSinkOptions.DefaultSink, ClusterDomain: domain);
            if (Value(Sink) is { } sinkText)
            {
                if (ServiceHost.TryParseWithPort(sinkText, domain, out var sinkHost, out var sinkPort, out var sinkError))
                {
                    sink = sink with { Sink = sinkHost, SinkPort = sinkPort };
                }
                else
                {
                    problems.Add($"--sink: {sinkError}");
                }
            }

            IstioVersion? istio = null;
            if (Value(IstioVersion) is { } versionText)
            {
                if (global::EastWestIds.Kubernetes.Mesh.IstioVersion.TryParse(versionText, out var parsed))
                {
                    istio = parsed;
                }
                else
                {
                    problems.Add($"--istio-version: '{versionText}' is not a version like 1.22 or 1.22.3");
                }
            }

            var dryRun = All.Contains(DryRun) && parseResult.GetValue(DryRun);
            var objects = Value(Objects);
            if (objects is not null && _verb != "list" && !dryRun)
            {
                problems.Add("--objects reads files that cannot be written: add --dry-run");
            }

            var kubeconfig = Value(Kubeconfig);
            var context = Value(Context);
            if (objects is not null && (kubeconfig is not null || context is not null))
            {
                problems.Add("--objects works offline: leave out --kubeconfig and --context");
            }

            return problems.Count > 0 ? null : new MirrorSettings(service, ns, percent, sink, dryRun, objects, istio, kubeconfig, context);
        }
    }
}
