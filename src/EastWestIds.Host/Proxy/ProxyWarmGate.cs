using System.Diagnostics;
using EastWestIds.Engine.Signatures;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Part of <c>/readyz</c> for <c>ewids proxy --mode enforce</c>: not ready until the rule set's warm-up has built every
/// pattern once after start and canned requests have been inspected (<see cref="InlineInspector.WarmUp"/>).
/// </summary>
/// <remarks>
/// Why: until then a verdict may have to build the regexes it needs (5–200 ms each for the larger ones), or compile
/// the inspection code and build the per-worker matcher it runs, and a request waits for its verdict at most
/// <c>--inspect-timeout</c> (100 ms by default); past it the request is forwarded uninspected or refused, per
/// <c>--on-engine-failure</c>. Measured on one core (bench/README, session 10): with the rules built but nothing else
/// warmed, the first request after <c>/readyz</c> took 65 ms to over 131 ms to inspect at 12 of 12 starts.
/// Kubernetes sends no traffic to a pod that is not ready, so the first requests after a start meet built rules and
/// compiled code (Envoy keeps a listener out of service while it warms the same way). Only the first warm-up counts:
/// once warm, the gate stays open, so that a reload never takes every replica out of its Service at once (nor need
/// it: a reloaded set is swapped in only once its patterns are built, see <see cref="Signatures.SignatureReloader"/>).
/// Monitor mode does not wait (its requests never wait for a verdict), nor does <c>--rules-warm-up false</c>
/// (patterns are then built on first use by design, and nothing is warmed).
/// </remarks>
internal sealed partial class ProxyWarmGate(SignatureSetHolder rules, Task? warmUp)
{
    /// <summary>Rounds of the canned requests: each method they reach runs often enough (30 calls) to be queued for
    /// optimization, and the rounds take a second or two on one core.</summary>
    internal const int WarmUpRounds = 100;

    private volatile bool _warm = warmUp is null;

    /// <summary>True once the canned requests are done and every pattern of the set in force is built (or when this gate
    /// does not wait). A warm-up that failed counts as done: it is logged, and readiness must not hang on it.</summary>
    public bool IsWarm => _warm || (_warm = warmUp!.IsCompleted && rules.Current.UnbuiltPatternCount == 0);

    /// <summary>
    /// The gate for <paramref name="inspector"/>, which judges by <paramref name="rules"/>: when <paramref name="waits"/>,
    /// starts the canned requests in the background (stopped early by <paramref name="stopping"/>) and waits for them
    /// and the rules.
    /// </summary>
    public static ProxyWarmGate Start(InlineInspector inspector, SignatureSetHolder rules, bool waits, ILogger logger, CancellationToken stopping)
    {
        if (!waits)
        {
            return new ProxyWarmGate(rules, null);
        }

        var warmUp = Task.Run(
            () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = inspector.WarmUp(WarmUpRounds, stopping);
                    Log.WarmedUp(logger, result.Inspected, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    Log.WarmUpFailed(logger, ex);
                }
            },
            CancellationToken.None);
        return new ProxyWarmGate(rules, warmUp);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 520, EventName = "InspectionWarmedUp", Level = LogLevel.Information, Message = "Inspection warm-up: {Requests} canned requests inspected in {Milliseconds} ms")]
        public static partial void WarmedUp(ILogger logger, int requests, long milliseconds);

        [LoggerMessage(EventId = 521, EventName = "InspectionWarmUpFailed", Level = LogLevel.Warning, Message = "Inspection warm-up failed; the first verdicts compile the code they run")]
        public static partial void WarmUpFailed(ILogger logger, Exception exception);
    }
}
