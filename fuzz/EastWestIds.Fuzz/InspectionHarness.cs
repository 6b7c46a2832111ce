using System.Buffers;
using System.Net;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Fuzz;

/// <summary>
/// The mirror port's path for one connection's bytes: <see cref="Http1RequestParser"/> frames them into a reused
/// <see cref="MirroredRequest"/> and the whole <see cref="InspectionPipeline"/> (protocol findings, identity,
/// signatures, EVE output with http records) analyses each request. It answers, per request, what was found, so that a
/// target can compare two ways of delivering the same bytes.
/// </summary>
internal sealed class InspectionHarness
{
    private readonly InspectionPipeline _pipeline;
    private readonly InspectionPipeline.WorkerState _state;
    private readonly Http1RequestParser _parser = new(HttpLimits.Default);
    private readonly MirroredRequest _request = new();
    private readonly List<string> _outcomes = [];
    private readonly List<EastWestIds.Core.Findings.Finding[]> _findings = [];

    public InspectionHarness(CompiledSignatureSet? rules, EastWestIds.Engine.Authorization.PolicySnapshotSource? policies = null)
    {
        var options = new InspectionOptions { ApplyAlertThresholds = false, EmitHttpRecords = true, Policies = policies };
        Output = new CheckedAlertWriter();
        _pipeline = new InspectionPipeline(options, Output, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()),
            rules is null ? null : new SignatureSetHolder(rules));
        _state = _pipeline.CreateWorkerState();
    }

    public CheckedAlertWriter Output { get; }

    /// <summary>The findings of each request the last <see cref="Inspect"/> analysed, in the order of its outcome lines.</summary>
    public IReadOnlyList<EastWestIds.Core.Findings.Finding[]> Findings => _findings;

    /// <summary>A harness with the rules of <c>signatures/</c>, as <c>ewids serve</c> loads them.</summary>
    public static InspectionHarness WithShippedRules(string repoRoot)
    {
        var loaded = SignatureSetLoader.Load([Path.Combine(repoRoot, "signatures")], FuzzOptions.Compiler);
        if (loaded.Set is null)
        {
            throw new InvalidOperationException($"the shipped rules did not load: {string.Join("; ", loaded.Errors)}");
        }

        return new InspectionHarness(loaded.Set);
    }

    /// <summary>
    /// Frames and inspects <paramref name="wire"/> as one connection. The parser is handed the bytes
    /// <paramref name="readLength"/> at a time (0: all at once), each read split into segments of
    /// <paramref name="segmentLength"/> bytes (0: one), and keeps what it did not consume, as the connection's pipe
    /// does. Returns one line per analysed request: how it ended and its findings with their evidence.
    /// </summary>
    public IReadOnlyList<string> Inspect(byte[] wire, int readLength = 0, int segmentLength = 0)
    {
        _outcomes.Clear();
        _findings.Clear();
        _parser.Reset();
        NextRequest();
        int consumed = 0;
        int available = readLength <= 0 ? wire.Length : Math.Min(readLength, wire.Length);
        while (true)
        {
            var reader = new SequenceReader<byte>(SegmentedBytes.Slice(wire, consumed, available, segmentLength));
            var capture = new MirroredRequestCapture(_request, _pipeline.Options.MaxInspectedBodyBytes, _pipeline.Options.MaxInspectedBodyTailBytes);
            var status = _parser.Parse(ref reader, ref capture);
            consumed += checked((int)reader.Consumed);
            if (status == ParseStatus.Complete)
            {
                if (reader.Consumed == 0)
                {
                    throw new FuzzInvariantException("the parser completed a request without consuming a byte");
                }

                bool keepAlive = _parser.Framing.KeepAlive;
                Analyse("complete");
                if (!keepAlive || consumed == wire.Length)
                {
                    return _outcomes;
                }

                continue;
            }

            if (status == ParseStatus.Rejected)
            {
                // The evidence is what follows the rejection point in the whole input, not in this read, so that
                // the outcome does not depend on how the bytes were delivered.
                _request.Reject(_parser.RejectionReason, new ReadOnlySequence<byte>(wire, consumed, wire.Length - consumed), _pipeline.Options.MaxEvidenceBytes);
                Analyse($"rejected {_parser.RejectionReason}");
                return _outcomes;
            }

            if (available == wire.Length)
            {
                // The connection ended inside a request: analysed with what arrived, as the mirror port does.
                if (_request.HasHead)
                {
                    Analyse("truncated");
                }

                return _outcomes;
            }

            available = Math.Min(wire.Length, available + readLength);
        }
    }

    /// <summary>Inspects a request framed elsewhere (an offline reader's); returns its outcome line.</summary>
    public string Analyse(MirroredRequest request, string ending)
    {
        _outcomes.Clear();
        _findings.Clear();
        Record(request, ending);
        return _outcomes[0];
    }

    private void Analyse(string ending)
    {
        Record(_request, ending);
        NextRequest();
    }

    private void Record(MirroredRequest request, string ending)
    {
        _pipeline.Inspect(request, _state);
        var line = new StringBuilder(ending);
        foreach (var finding in _state.Context.Findings)
        {
            line.Append(" | ").Append(finding.Signature.Sid).Append(' ').Append(finding.Detail);
            foreach (var related in finding.Related ?? [])
            {
                line.Append(" +").Append(related.Signature.Sid);
            }
        }

        _outcomes.Add(line.ToString());
        _findings.Add([.. _state.Context.Findings]);
    }

    private void NextRequest()
    {
        _request.Reset();
        _request.Ingest = IngestKind.Mirror;
        _request.PeerAddress = IPAddress.Loopback;
        _request.PeerPort = 40000;
        _request.LocalAddress = IPAddress.Loopback;
        _request.LocalPort = 8080;
    }
}
