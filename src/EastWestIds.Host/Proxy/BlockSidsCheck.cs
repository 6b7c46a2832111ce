using EastWestIds.Engine.Findings;
using EastWestIds.Signatures.Matching;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Names the <c>--block-sids</c> that no loaded rule and no built-in finding has, at start: a mistyped sid would
/// otherwise block nothing, silently. A warning, not an error: a rule file added by a later reload may bring the sid.
/// </summary>
internal static class BlockSidsCheck
{
    public static IReadOnlyList<int> Unknown(BlockRule rule, CompiledSignatureSet rules)
    {
        if (rule.Sids is not { Count: > 0 } sids)
        {
            return [];
        }

        var builtIn = BuiltInSignatures.All.Concat(DecodingFindings.All).Select(s => s.Sid).ToHashSet();
        return [.. sids.Where(sid => !builtIn.Contains(sid) && !rules.BySid.ContainsKey(sid)).Order()];
    }

    public static void WarnAboutUnknown(BlockRule rule, CompiledSignatureSet rules, ILogger logger)
    {
        if (Unknown(rule, rules) is { Count: > 0 } unknown)
        {
            logger.LogWarning("--block-sids names {Sids}, which no loaded rule and no built-in finding has: they block nothing until a rule with that sid is loaded",
                string.Join(", ", unknown));
        }
    }
}
