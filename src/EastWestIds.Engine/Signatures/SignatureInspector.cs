using EastWestIds.Core.Findings;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// The signature stage of the pipeline: decode lazily, match the set in force, turn matches (one finding per attack
/// category, see <see cref="MatchCollapser"/>) and decoding anomalies into findings. Runs after identity (so
/// <c>mesh.*</c> buffers carry the validated caller and callee) on every request whose head was parsed and that was
/// not rejected as malformed.
/// </summary>
public sealed class SignatureInspector(SignatureSetHolder signatures, IdsMetrics metrics, bool applyThresholds = true)
{
    private readonly AlertThresholds? _thresholds = applyThresholds ? new AlertThresholds() : null;

    /// <summary>The holder of the set in force.</summary>
    public SignatureSetHolder Signatures { get; } = signatures ?? throw new ArgumentNullException(nameof(signatures));

    /// <summary>Matches <paramref name="request"/> and adds its findings to <paramref name="context"/>.</summary>
    public void Inspect(MirroredRequest request, InspectionContext context, SignatureWorker worker)
    {
        CompiledSignatureSet set = Signatures.Current;
        worker.View.Reset(request, context);
        worker.Buffers.Reset(worker.View);
        SignatureMatcher matcher = worker.MatcherFor(set);
        matcher.Inspect(worker.Buffers);
        if (matcher.LastPcreTimeouts > 0)
        {
            metrics.PcreTimedOut(matcher.LastPcreTimeouts);
        }

        if (matcher.LastBudgetExhaustions > 0)
        {
            metrics.MatchBudgetExhausted(matcher.LastBudgetExhaustions);
        }

        // One finding per attack category (MatchCollapser): a request that fires a rule family in several buffers,
        // or several sibling rules, raises one alert that lists the others. Matches their threshold silences go first,
        // so they are not listed either.
        ReadOnlySpan<SignatureMatch> matches = matcher.Matches.IsEmpty || _thresholds is null ? matcher.Matches : Thresholded(matcher.Matches, request, worker);
        if (!matches.IsEmpty)
        {
            MatchCollapser.AddFindings(matches, worker.CategoriesFor(set), context);
        }

        AddAnomalies(worker.Buffers.Anomalies, context);
    }

    /// <summary>The matches that alert: all of them but those a <c>threshold</c> or <c>detection_filter</c> silences.</summary>
    private ReadOnlySpan<SignatureMatch> Thresholded(ReadOnlySpan<SignatureMatch> matches, MirroredRequest request, SignatureWorker worker)
    {
        int first = 0;
        while (first < matches.Length && matches[first].Signature.Config.Threshold is null)
        {
            first++;
        }

        if (first == matches.Length)
        {
            return matches; // no rule with a threshold matched: the common case costs this loop
        }

        Span<SignatureMatch> kept = worker.MatchScratch(matches.Length);
        matches[..first].CopyTo(kept);
        int count = first;
        DateTime at = request.ReceivedAtUtc == default ? DateTime.UtcNow : request.ReceivedAtUtc;
        for (int m = first; m < matches.Length; m++)
        {
            SignatureMatch match = matches[m];
            if (match.Signature.Config.Threshold is { } threshold)
            {
                string key = AlertThresholds.Key(threshold.Track, worker.View.SourcePrincipal, request.PeerAddress, worker.View.DestinationService);
                if (!_thresholds!.Alerts(threshold, match.Signature.Sid, key, at))
                {
                    metrics.ThresholdSuppressed();
                    continue;
                }
            }

            kept[count++] = match;
        }

        return kept[..count];
    }

    /// <summary>The finding detail of a match: where it was and what it matched, e.g. <c>http.arg[1]@8: SELECT</c>.</summary>
    public static string Describe(in SignatureMatch match) =>
        $"{BufferName(match.Buffer)}[{match.ValueIndex}]@{match.Offset}: {match.Evidence}";

    private static void AddAnomalies(DecodingAnomalies anomalies, InspectionContext context)
    {
        for (var remaining = (int)anomalies; remaining != 0; remaining &= remaining - 1)
        {
            var flag = (DecodingAnomalies)(remaining & -remaining);
            if (DecodingFindings.For(flag) is { } finding)
            {
                context.Add(finding, null);
            }
        }
    }

    private static string BufferName(InspectionBuffer buffer)
    {
        foreach ((string name, InspectionBuffer value) in StickyBufferOption.Names)
        {
            if (value == buffer)
            {
                return name;
            }
        }

        return "payload";
    }
}
