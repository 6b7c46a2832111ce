using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;

namespace EastWestIds.Engine.Offline;

/// <summary>What one replayed request came to: where it was recorded, and the pipeline's context after it.</summary>
/// <param name="Record">The record (file, ordinal, id, location).</param>
/// <param name="Request">The request; valid only during the callback.</param>
/// <param name="Context">The stages' results (caller, callee, policy verdict, findings); valid only during the callback.</param>
public readonly record struct ReplayedRequest(OfflineRecord Record, MirroredRequest Request, InspectionContext Context);

/// <summary>
/// Recorded requests (JSON Lines, raw HTTP/1.1, HAR; chosen by extension as <c>ewids scan</c> does) through the
/// identity, policy and baseline stages of an <see cref="InspectionPipeline"/>, without signatures and without output,
/// for the policy tools (<c>ewids policy check</c>, <c>ewids policy suggest --requests/--check</c>) and their tests.
/// </summary>
public static class RequestReplay
{
    /// <summary>
    /// Replays every file; <paramref name="onRequest"/> sees each request after the pipeline. Returns the input errors
    /// (file and line), each of which skipped its record. <paramref name="metrics"/>: where the stages count (default: a
    /// registry of its own).
    /// </summary>
    public static async Task<List<OfflineInputError>> RunAsync(
        IEnumerable<string> files, InspectionOptions options, Action<ReplayedRequest> onRequest, CancellationToken cancellationToken = default, IdsMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onRequest);
        metrics ??= new IdsMetrics(Prometheus.Metrics.NewCustomRegistry());
        var pipeline = new InspectionPipeline(options with { EmitHttpRecords = false }, DiscardAlertWriter.Instance, metrics);
        var sink = new Sink(pipeline, onRequest);
        var readerOptions = new OfflineReaderOptions { MaxInspectedBodyBytes = options.MaxInspectedBodyBytes, MaxInspectedBodyTailBytes = options.MaxInspectedBodyTailBytes, MaxEvidenceBytes = options.MaxEvidenceBytes };
        foreach (var file in files)
        {
            var reader = OfflineFormats.CreateReader(OfflineFormats.FromPath(file), readerOptions);
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                await reader.ReadAsync(stream, file, sink, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                sink.OnError(new OfflineInputError(file, "file", $"cannot read: {ex.Message}"));
            }
        }

        return sink.Errors;
    }

    private sealed class Sink(InspectionPipeline pipeline, Action<ReplayedRequest> onRequest) : IOfflineRequestSink
    {
        private readonly InspectionPipeline.WorkerState _state = pipeline.CreateWorkerState();
        private OfflineRecord _record;

        public List<OfflineInputError> Errors { get; } = [];

        public void BeginRecord(in OfflineRecord record) => _record = record;

        public void OnRequest(MirroredRequest request)
        {
            pipeline.Inspect(request, _state);
            onRequest(new ReplayedRequest(_record, request, _state.Context));
        }

        public void EndRecord()
        {
        }

        public void OnError(OfflineInputError error) => Errors.Add(error);

        public void OnNotice(string message)
        {
        }
    }
}
