using EastWestIds.Core.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// What became of the request being inspected, for the alerts the pipeline writes about it (<see cref="InlineAlertOutput"/>).
/// </summary>
/// <remarks>
/// <para>
/// The race this settles: in enforce mode the request waits at most <c>--inspect-timeout</c>. If it stops waiting, it
/// is forwarded or refused per <c>--on-engine-failure</c>, while the inspection goes on and may still write alerts. An
/// alert must then say <c>failed-open</c>/<c>failed-closed</c>, not <c>blocked</c>: that is what happened. So the
/// verdict is <em>fixed</em> once, with a compare-and-swap, by whichever side comes first: the inspecting thread at the
/// request's first alert (all stages have run by then; only output is left) or at the end of the pipeline, or the
/// waiting request at its timeout. A verdict fixed first stands even if the timeout fires while its alerts are still
/// being written; a request that gave up first makes the later alerts report the failure outcome.
/// </para>
/// <para>Monitor mode forwards without waiting: its alerts say <c>would-block</c> or <c>allowed</c>. A request whose
/// client went away before its verdict was neither forwarded nor blocked: its alerts carry no outcome.</para>
/// </remarks>
internal sealed partial class InlineInspector
{
    // The job the current thread is inspecting (set and cleared around the pipeline in Run).
    [ThreadStatic]
    private static InspectionJob? t_current;

    /// <summary>On the inspecting thread, inside the pipeline's output: what becomes of the request being inspected
    /// (fixing its verdict now if nothing has yet). <see cref="AlertOutcome.None"/> outside an inline inspection.</summary>
    internal static AlertOutcome CurrentOutcome() => t_current is { Context: { } context } job ? job.Outcome(context.Findings) : AlertOutcome.None;

    private InlineVerdict Decide(IReadOnlyList<Finding> findings)
    {
        if (!_rule.BlocksAny(findings))
        {
            return InlineVerdict.Pass;
        }

        // Rare path: name the rules that decided (never the matched bytes) for the 403 body and the logs.
        var blocking = new List<SignatureInfo>(findings.Count);
        for (var i = 0; i < findings.Count; i++)
        {
            if (_rule.Blocks(findings[i].Signature) && !blocking.Contains(findings[i].Signature))
            {
                blocking.Add(findings[i].Signature);
            }
        }

        return new InlineVerdict(InlineVerdictKind.Block, Blocking: blocking.ToArray());
    }

    /// <summary>Why a request was inspected, which decides what its alerts report.</summary>
    private enum JobKind : byte
    {
        /// <summary>Enforce: the request waits for the verdict (up to the timeout).</summary>
        Awaited,

        /// <summary>Monitor: the request was forwarded; the verdict is only reported.</summary>
        Observed,

        /// <summary>Enforce, but the client went away before the verdict: nothing was forwarded or blocked.</summary>
        Unforwarded,
    }

    private sealed partial class InspectionJob
    {
        private const int Pending = 0;
        private const int Decided = 1;
        private const int Abandoned = 2;

        private int _state;
        private InlineVerdict _verdict;

        /// <summary>The pipeline state inspecting this job (set on the inspecting thread before the pipeline runs).</summary>
        public InspectionContext? Context { get; set; }

        /// <summary>The fixed verdict (meaningful once <see cref="TryDecide"/> returned true).</summary>
        public InlineVerdict Verdict => _verdict;

        /// <summary>Inspecting thread: fixes the verdict from the complete findings, unless the request gave up first
        /// (false). Idempotent: later calls return the first answer.</summary>
        public bool TryDecide(IReadOnlyList<Finding> findings)
        {
            var state = Volatile.Read(ref _state);
            if (state != Pending)
            {
                return state == Decided;
            }

            _verdict = _owner.Decide(findings); // written before the swap publishes it (the swap is a full fence)
            return Interlocked.CompareExchange(ref _state, Decided, Pending) == Pending;
        }

        /// <summary>Waiting request, at its timeout: true when it gave up before the verdict was fixed.</summary>
        public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Pending) == Pending;

        public AlertOutcome Outcome(IReadOnlyList<Finding> findings)
        {
            var decided = TryDecide(findings);
            return _kind switch
            {
                JobKind.Unforwarded => AlertOutcome.None,
                JobKind.Observed => _verdict.Kind == InlineVerdictKind.Block ? AlertOutcome.WouldBlock : AlertOutcome.Allowed,
                _ when !decided => _owner._onEngineFailure == EngineFailureMode.Closed ? AlertOutcome.FailedClosed : AlertOutcome.FailedOpen,
                _ => _verdict.Kind == InlineVerdictKind.Block ? AlertOutcome.Blocked : AlertOutcome.Allowed,
            };
        }
    }
}
