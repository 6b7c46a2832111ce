using System.Buffers;
using System.Diagnostics;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The first step of the YARP proxy pipeline (STYLE.md §8): every request is captured into the engine's request
/// model through the same callbacks as a mirrored one and judged by the same <see cref="InspectionPipeline"/>.
/// </summary>
/// <remarks>
/// <para>Enforce: the head and the first <c>--max-body-inspect</c> body bytes are read and judged before anything
/// reaches the upstream; a blocked request gets 403 and the upstream never hears of it. Otherwise the judged prefix
/// is replayed ahead of the rest of the body, which streams; nothing past the prefix is buffered.</para>
/// <para>Monitor: the request is forwarded at once; a copy of its first body bytes is taken as the forwarder reads
/// them and judged off the request path. The forward never waits for inspection.</para>
/// <para>Requests with no body to read first (GET, upgrades to WebSocket, extended CONNECT) are judged on their head.
/// Responses are not touched: YARP streams them back.</para>
/// </remarks>
internal sealed class InspectionProxyStep
{
    private readonly InlineInspector _inspector;
    private readonly InlineCallerIdentity _identity;
    private readonly ProxyMode _mode;
    private readonly Configuration.ProxyOptions _options;
    private readonly IdsMetrics _idsMetrics;
    private readonly ProxyMetrics _metrics;
    private readonly int _budget;
    private readonly int _tailBudget;
    private readonly ILogger _logger;

    public InspectionProxyStep(InlineInspector inspector, InlineCallerIdentity identity, Configuration.ProxyOptions options, IdsMetrics idsMetrics, ProxyMetrics metrics, ILogger logger)
    {
        _logger = logger;
        _inspector = inspector;
        _identity = identity;
        _options = options;
        _mode = options.Mode;
        _idsMetrics = idsMetrics;
        _metrics = metrics;
        _budget = options.Inspection.MaxInspectedBodyBytes;

        // Monitor mode judges a body once it has gone by, so it can keep a long body's tail as the mirror port does
        // (padding past max-body-inspect); enforce mode judges before forwarding and keeps none.
        _tailBudget = _mode == ProxyMode.Monitor ? options.Inspection.MaxInspectedBodyTailBytes : 0;
    }

    // Not async itself: the mode's method is the one state machine a request suspends in while it waits.
    public Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = _inspector.Pool.Rent();
        // Not for gRPC: a streaming call may last hours, and is judged on its first messages, as enforce mode judges it.
        int tailBudget = IsGrpc(context) ? 0 : _tailBudget;
        var capture = new MirroredRequestCapture(request, _budget, tailBudget);
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            HttpContextCapture.CaptureConnection(context, request, IngestKind.Inline);
            HttpContextCapture.CaptureHead(context, capture, ref scratch, _identity.Apply(context));
            SmugglingShapes.Detect(context, request, _options.Inspection.MaxEvidenceBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        _idsMetrics.RequestReceived(IngestKind.Inline, request.Version);
        return _mode == ProxyMode.Enforce ? EnforceAsync(context, next, request, capture) : MonitorAsync(context, next, request, capture, tailBudget > 0);
    }

    private async Task EnforceAsync(HttpContext context, Func<Task> next, MirroredRequest request, MirroredRequestCapture capture)
    {
        PrefixReplayStream? replay = null;
        if (HasBodyToRead(context) && _budget > 0)
        {
            var body = context.Request.Body;
            byte[] prefix;
            int length;
            bool ended;
            try
            {
                (prefix, length, ended) = await BodyPrefix.ReadAsync(body, _budget, IsGrpc(context), context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // The client went away or sent a broken body before a verdict: nothing to forward. What arrived is
                // still judged, for the alert, but counts as no outcome.
                _logger.LogDebug(ex, "Reading the body of {Method} {Path} failed before a verdict; nothing forwarded", context.Request.Method, context.Request.Path.Value);
                _inspector.InspectInBackground(request, countOutcome: false);
                return;
            }

            capture.OnBody(prefix.AsSpan(0, length));
            if (ended)
            {
                HttpContextCapture.CaptureTrailers(context, capture);
            }
            else if (BodyGoesOn(context, length))
            {
                request.MarkBodyContinues();
            }

            replay = new PrefixReplayStream(prefix, length, body, ended);
            context.Response.RegisterForDispose(replay);
        }

        var waitStarted = Stopwatch.GetTimestamp();
        var verdict = await _inspector.InspectAsync(request).ConfigureAwait(false); // the request belongs to the inspector now
        _metrics.VerdictWaited(ProxyMode.Enforce, Stopwatch.GetElapsedTime(waitStarted).TotalSeconds);
        switch (verdict.Kind)
        {
            case InlineVerdictKind.Block:
                _metrics.Outcome(ProxyMode.Enforce, ProxyOutcome.Blocked);
                await BlockResponse.WriteBlockedAsync(context, verdict.Blocking!).ConfigureAwait(false);
                return;
            case InlineVerdictKind.EngineFailed:
                _metrics.EngineFailed(ProxyMode.Enforce, verdict.FailureReason);
                if (_options.OnEngineFailure == EngineFailureMode.Closed)
                {
                    _metrics.Outcome(ProxyMode.Enforce, ProxyOutcome.FailedClosed);
                    await BlockResponse.WriteEngineFailedAsync(context, verdict.FailureReason).ConfigureAwait(false);
                    return;
                }

                _metrics.Outcome(ProxyMode.Enforce, ProxyOutcome.FailedOpen);
                break;
            default:
                _metrics.Outcome(ProxyMode.Enforce, ProxyOutcome.Forwarded);
                break;
        }

        if (replay is not null)
        {
            context.Request.Body = replay;
        }

        await next().ConfigureAwait(false);
        if (replay is not null)
        {
            _idsMetrics.BodyBytesUninspected(replay.RestBytesRead);
        }

        CountForwardError(context);
    }

    private async Task MonitorAsync(HttpContext context, Func<Task> next, MirroredRequest request, MirroredRequestCapture capture, bool keepsTail)
    {
        if (!HasBodyToRead(context) || _budget == 0)
        {
            _inspector.InspectInBackground(request, countOutcome: true);
            await next().ConfigureAwait(false);
            CountForwardError(context);
            return;
        }

        var tee = new MonitorTeeStream(context, request, capture, _budget, keepsTail, _inspector);
        context.Request.Body = tee;
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            tee.Complete();
            _idsMetrics.BodyBytesUninspected(tee.BytesPastInspection);
        }

        CountForwardError(context);
    }

    private void CountForwardError(HttpContext context)
    {
        if (context.Features.Get<IForwarderErrorFeature>() is { Error: not ForwarderError.None } error)
        {
            _metrics.ForwardFailed(error.Error);
            // Debug, not higher: most are clients that went away mid-request, and the metric already counts them.
            // YARP's own line for this is Information, below the warnings its category is held to.
            _logger.LogDebug(error.Exception, "Forwarding {Method} {Path} failed ({Error}); answered {Status}",
                context.Request.Method, context.Request.Path.Value, error.Error, context.Response.StatusCode);
        }
    }

    /// <summary>
    /// True when the request has a body to read before forwarding. Not for upgrades: after a 101 the "body" is the
    /// upgraded connection, and reading it first would wait for bytes the client sends only after the handshake.
    /// </summary>
    private static bool HasBodyToRead(HttpContext context)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true }
            || context.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true })
        {
            return false;
        }

        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;
    }

    /// <summary>
    /// Whether a body not seen to end after <paramref name="read"/> bytes has more: by its Content-Length when it has
    /// one (a body of exactly the budget has not been seen to end either), else yes.
    /// </summary>
    internal static bool BodyGoesOn(HttpContext context, long read) => context.Request.ContentLength is not { } length || length > read;

    private static bool IsGrpc(HttpContext context)
        => context.Request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
