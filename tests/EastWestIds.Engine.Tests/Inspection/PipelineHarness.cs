using System.Buffers;
using System.Net;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;
using EastWestIds.TestCommon;

namespace EastWestIds.Engine.Tests.Inspection;

/// <summary>Runs raw requests through the real parser and the real pipeline, with output kept in memory.</summary>
internal sealed class PipelineHarness
{
    private readonly InspectionPipeline _pipeline;
    private readonly InspectionPipeline.WorkerState _state;

    /// <param name="options">Pipeline options (default: http records on).</param>
    /// <param name="rules">Signature rule text; when given, the pipeline runs the signature stage with it.</param>
    public PipelineHarness(InspectionOptions? options = null, string? rules = null)
    {
        Options = options ?? new InspectionOptions { EmitHttpRecords = true };
        Metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        SignatureSetHolder? signatures = null;
        if (rules is not null)
        {
            SignatureCompileResult compiled = SignatureSetLoader.LoadTexts([("test.rules", rules)]);
            Assert.True(compiled.Succeeded, string.Join("\n", compiled.Errors));
            signatures = new SignatureSetHolder(compiled.Set!);
        }

        _pipeline = new InspectionPipeline(Options, Output, Metrics, signatures);
        _state = _pipeline.CreateWorkerState();
    }

    public InspectionOptions Options { get; }

    public InMemoryAlertWriter Output { get; } = new();

    public IdsMetrics Metrics { get; }

    public InspectionContext Context => _state.Context;

    public InspectionPipeline Pipeline => _pipeline;

    /// <summary>Frames <paramref name="raw"/> (one request) and inspects it; a rejected request is inspected as such.</summary>
    public MirroredRequest Inspect(string raw)
    {
        var request = Capture(raw, Options.MaxInspectedBodyBytes);
        _pipeline.Inspect(request, _state);
        return request;
    }

    /// <summary>As <see cref="Inspect(string)"/>, received at <paramref name="receivedAtUtc"/> (time-dependent stages).</summary>
    public MirroredRequest Inspect(string raw, DateTime receivedAtUtc)
    {
        var request = Capture(raw, Options.MaxInspectedBodyBytes);
        request.ReceivedAtUtc = receivedAtUtc;
        _pipeline.Inspect(request, _state);
        return request;
    }

    public static MirroredRequest Capture(string raw, int bodyBudget = 64 * 1024)
    {
        var request = new MirroredRequest
        {
            PeerAddress = IPAddress.Parse("127.0.0.6"),
            PeerPort = 41000,
            LocalAddress = IPAddress.Parse("10.1.0.9"),
            LocalPort = 8080,
            ConnectionId = 7,
        };
        var parser = new Http1RequestParser(HttpLimits.Default);
        var bytes = Encoding.Latin1.GetBytes(raw);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var capture = new MirroredRequestCapture(request, bodyBudget);
        var status = parser.Parse(ref reader, ref capture);
        if (status == ParseStatus.Rejected)
        {
            request.Reject(parser.RejectionReason, reader.UnreadSequence, 512);
        }
        else if (status != ParseStatus.Complete)
        {
            throw new InvalidOperationException($"test request did not frame: {status}");
        }

        return request;
    }
}
