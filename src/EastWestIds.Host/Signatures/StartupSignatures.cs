using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Signatures;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Loading;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Signatures;

/// <summary>Loading the rules when <c>ewids serve</c> or <c>ewids proxy</c> starts.</summary>
internal static class StartupSignatures
{
    /// <summary>The rules at start-up: any error stops the start (a sink silently without its rules would be worse).</summary>
    public static SignatureSetHolder Load(RuleSources sources, IdsMetrics metrics, ILogger logger)
    {
        SignatureCompileResult result = sources.Load();
        if (result.Set is not { } set)
        {
            throw new SignatureLoadException(result.Errors);
        }

        if (sources.DefaultMissing)
        {
            logger.LogWarning("No signature directory at {Directory}: running without signatures (give --rules)", sources.Paths[0]);
        }

        foreach (SignatureLoadError warning in result.Warnings)
        {
            logger.LogDebug("Signature warning: {Warning}", warning.ToString());
        }

        LogSkipped(result.Skipped, logger);
        metrics.SignaturesLoaded(set.Count, result.Skipped.Count);
        if (sources.WarmUp)
        {
            set.WarmUpInBackground(); // regexes build on first use; build them before the first attack needs them
        }
        var holder = new SignatureSetHolder(set);
        metrics.TrackSignaturePatterns(holder);
        return holder;
    }

    /// <summary>
    /// One line saying what was skipped and why (a third-party rule set skips thousands of rules, so not one line each;
    /// those are at Debug).
    /// </summary>
    public static void LogSkipped(IReadOnlyList<SkippedSignature> skipped, ILogger logger)
    {
        if (skipped.Count == 0)
        {
            return;
        }

        logger.LogInformation("Skipped {Count} rules EastWestIds cannot apply: {Summary}", skipped.Count, string.Join("; ", SkippedSignature.Summary(skipped)));
        foreach (SkippedSignature rule in skipped)
        {
            logger.LogDebug("{Skipped}", rule.ToString());
        }
    }
}
