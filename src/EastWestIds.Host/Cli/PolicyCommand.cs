using System.CommandLine;
using EastWestIds.Engine.Authorization;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Authorization;

namespace EastWestIds.Host.Cli;

/// <summary>
/// <c>ewids policy check|suggest|baseline</c>: the AuthorizationPolicy tools over recorded traffic and the learned
/// baseline. Exit codes: 0 done, 2 bad input or usage (every problem printed, naming file and line).
/// </summary>
/// <remarks>
/// Every option takes text and is checked by hand, as in <c>ewids scan</c>: no usage error may end in
/// System.CommandLine's own exit code 1.
/// </remarks>
internal static partial class PolicyCommand
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static Command Create()
    {
        var policy = new Command("policy", "AuthorizationPolicy tools: judge recorded requests, suggest least-privilege policies, export the learned baseline.");
        policy.Subcommands.Add(CreateCheck());
        policy.Subcommands.Add(CreateSuggest());
        policy.Subcommands.Add(CreateBaseline());
        return policy;
    }

    /// <summary>The options every policy tool shares: where the mesh objects are and how the mesh is set up.</summary>
    private sealed class MeshOptions
    {
        public Option<string[]> Objects { get; } = new("--objects") { Description = "Kubernetes YAML (file or directory; repeat): Services, workloads, AuthorizationPolicies.", HelpName = "PATH", Arity = ArgumentArity.ZeroOrMore };
        public Option<string> RootNamespace { get; } = new("--root-namespace") { Description = "Istio's root namespace. [default: istio-system]", HelpName = "NAMESPACE", Arity = ArgumentArity.ZeroOrOne };
        public Option<string[]> TrustDomain { get; } = new("--trust-domain") { Description = "The mesh trust domain, then its aliases (repeat or comma-separate). [default: cluster.local]", HelpName = "DOMAIN", Arity = ArgumentArity.ZeroOrMore };
        public Option<string> ClusterDomain { get; } = new("--cluster-domain") { Description = "The cluster's DNS domain. [default: cluster.local]", HelpName = "DOMAIN", Arity = ArgumentArity.ZeroOrOne };

        public void AddTo(Command command)
        {
            command.Options.Add(Objects);
            command.Options.Add(RootNamespace);
            command.Options.Add(TrustDomain);
            command.Options.Add(ClusterDomain);
        }

        /// <summary>The inspection options with the policy snapshot from <c>--objects</c> (+ <paramref name="extraObjects"/>); null on a problem.</summary>
        public InspectionOptions? Load(CommandInput input, bool required, IReadOnlyList<string>? extraObjects = null)
        {
            var paths = input.List(Objects);
            if (paths.Count == 0 && required)
            {
                input.Problems.Add("--objects: needed (the Services, workloads and AuthorizationPolicies of the mesh)");
            }

            var options = ScanCommand.BuildInspectionOptions(input.List(TrustDomain).ToArray(), null, input.Value(ClusterDomain), eveHttp: false, input.Problems);
            if (input.Problems.Count > 0)
            {
                return null;
            }

            var all = paths.Concat(extraObjects ?? []).ToList();
            if (all.Count == 0)
            {
                return options;
            }

            var source = PolicyObjectsLoader.Load(all, input.Value(RootNamespace) ?? "istio-system", options.TrustDomains, options.ClusterDomain, input.Problems.Add);
            if (source is null)
            {
                return null;
            }

            foreach (var warning in PolicyObjectsLoader.Warnings(source))
            {
                input.Warnings.Add(warning);
            }

            return options with { Policies = source };
        }
    }

    /// <summary>The parse result read as text, with every problem collected.</summary>
    private sealed class CommandInput(ParseResult parseResult, string name)
    {
        public List<string> Problems { get; } = [];

        public List<string> Warnings { get; } = [];

        public ParseResult Parse => parseResult;

        public void CheckUnmatched()
        {
            foreach (var token in parseResult.UnmatchedTokens)
            {
                Problems.Add($"unknown option or argument '{token}'");
            }
        }

        public string? Value(Option option)
        {
            if (parseResult.GetResult(option) is not { Implicit: false } result)
            {
                return null;
            }

            if (result.Tokens.Count == 0)
            {
                Problems.Add($"{option.Name}: needs a value");
                return null;
            }

            return result.Tokens[^1].Value;
        }

        public List<string> List(Option option)
        {
            if (parseResult.GetResult(option) is not { Implicit: false } result)
            {
                return [];
            }

            if (result.Tokens.Count == 0)
            {
                Problems.Add($"{option.Name}: needs a value");
            }

            return [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        }

        public List<string> Files(Argument<string[]> argument, string what)
        {
            var files = new List<string>();
            foreach (var file in parseResult.GetValue(argument) ?? [])
            {
                if (file.StartsWith('-'))
                {
                    Problems.Add($"unknown option '{file}'");
                }
                else
                {
                    files.Add(file);
                }
            }

            return files;
        }

        public void RequireFiles(IEnumerable<string> files, string what)
        {
            foreach (var file in files)
            {
                if (!File.Exists(file))
                {
                    Problems.Add($"{what} {file}: no such file");
                }
            }
        }

        /// <summary>Prints warnings, then problems; true when there were problems (exit 2).</summary>
        public bool Report(TextWriter errors)
        {
            foreach (var warning in Warnings)
            {
                errors.WriteLine($"ewids policy {name}: warning: {warning}");
            }

            if (Problems.Count == 0)
            {
                return false;
            }

            foreach (var problem in Problems)
            {
                errors.WriteLine($"ewids policy {name}: {problem}");
            }

            errors.WriteLine($"ewids policy {name}: see 'ewids policy {name} --help'.");
            return true;
        }
    }

    /// <summary>The id a request line names itself by: its <c>id</c> (strings unquoted), else file and line.</summary>
    internal static string RequestId(in Engine.Offline.OfflineRecord record)
    {
        if (record.IdJson is { Length: >= 2 } id && id[0] == '"')
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<string>(id) ?? id;
            }
            catch (System.Text.Json.JsonException)
            {
                return id;
            }
        }

        return record.IdJson ?? $"{record.File}:{record.Location}";
    }

    /// <summary>The verdict column and the policy/rule column of a judged request.</summary>
    internal static (string Verdict, string Detail) Describe(InspectionContext context)
    {
        if (!context.Policy.Judged)
        {
            return ("not-judged", context.Callee.IsKnown ? "destination not in the objects (unknown service, port, or no workloads)" : "no destination host");
        }

        var verdict = context.Policy.Verdict;
        var detail = verdict.Reason switch
        {
            Policy.Evaluation.VerdictReason.NoAllowRuleMatched => $"no ALLOW policy matched ({verdict.Rule.Policy?.Name} and the others that apply)",
            _ when verdict.Rule.IsEmpty => PolicyOutcome.Label(verdict.Reason),
            _ => verdict.Rule.ToString(),
        };
        return (PolicyOutcome.Label(verdict.Kind), detail);
    }
}
