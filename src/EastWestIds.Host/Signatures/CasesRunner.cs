using System.Buffers;
using System.Net;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Host.Signatures;

/// <summary>
/// Runs cases through the sink's own path: the HTTP/1.1 parser frames the case's bytes into a
/// <see cref="MirroredRequest"/> and the whole inspection pipeline (identity, then signatures) analyses it, so a
/// case passes only if the rule fires the way it would on the mirror port.
/// </summary>
internal sealed class CasesRunner
{
    private const int FirstBuiltInSid = 9_100_000;
    private const int LastBuiltInSid = 9_399_999;

    private readonly CompiledSignatureSet _set;
    private readonly InspectionPipeline _pipeline;
    private readonly InspectionPipeline.WorkerState _state;
    private readonly Http1RequestParser _parser = new(HttpLimits.Default);

    public CasesRunner(CompiledSignatureSet set)
    {
        _set = set;
        _pipeline = new InspectionPipeline(new InspectionOptions { ApplyAlertThresholds = false }, DiscardAlertWriter.Instance, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), new SignatureSetHolder(set));
        _state = _pipeline.CreateWorkerState();
    }

    /// <summary>Runs one case; returns what is wrong with its outcome (empty when it passed).</summary>
    public IReadOnlyList<string> Run(RuleCase c)
    {
        var problems = new List<string>();
        IReadOnlyList<int> none = c.ExpectNoneSids(problems);
        foreach (int sid in (c.Expect ?? []).Concat(none))
        {
            if (!_set.BySid.ContainsKey(sid))
            {
                problems.Add($"sid {sid} is not in the loaded rules");
            }
        }

        byte[] wire;
        try
        {
            wire = c.ToWire();
        }
        catch (FormatException e)
        {
            problems.Add($"body_base64: {e.Message}");
            return problems;
        }

        SortedSet<int> fired = Fire(wire, out string? framing);
        if (framing is not null)
        {
            problems.Add(framing);
        }

        foreach (int sid in c.Expect ?? [])
        {
            if (!fired.Contains(sid))
            {
                problems.Add($"expected sid {sid} to fire; fired: [{string.Join(", ", fired)}]");
            }
        }

        foreach (int sid in c.ExpectNoneAll ? fired : none.Where(fired.Contains))
        {
            problems.Add($"sid {sid} fired but must not ({_set.BySid[sid].Info.Message})");
        }

        return problems;
    }

    /// <summary>The rule sids (built-ins left out) that fire for <paramref name="wire"/>.</summary>
    public SortedSet<int> Fire(byte[] wire, out string? framingProblem)
    {
        framingProblem = null;
        var request = new MirroredRequest { PeerAddress = IPAddress.Loopback, PeerPort = 40000, LocalAddress = IPAddress.Loopback, LocalPort = 8080 };
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(wire));
        var capture = new MirroredRequestCapture(request, _pipeline.Options.MaxInspectedBodyBytes, _pipeline.Options.MaxInspectedBodyTailBytes);
        _parser.Reset();
        ParseStatus status = _parser.Parse(ref reader, ref capture);
        if (status == ParseStatus.Rejected)
        {
            request.Reject(_parser.RejectionReason, reader.UnreadSequence, 512);
            framingProblem = $"the request does not frame: {_parser.RejectionReason} (rules never see a rejected request)";
        }
        else if (status != ParseStatus.Complete)
        {
            framingProblem = $"the request is incomplete ({status}): check Content-Length and the blank line after the headers";
            return [];
        }

        _pipeline.Inspect(request, _state);
        var fired = new SortedSet<int>();
        foreach (var finding in _state.Context.Findings)
        {
            if (finding.Signature.Sid is < FirstBuiltInSid or > LastBuiltInSid)
            {
                fired.Add(finding.Signature.Sid);
            }

            // A case asks whether a rule fired, not whether it won its category's alert (one alert per attack).
            foreach (var related in finding.Related ?? [])
            {
                fired.Add(related.Signature.Sid);
            }
        }

        return fired;
    }
}
