using EastWestIds.Core.Diagnostics;
using EastWestIds.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Engine.Alerts;

/// <summary>
/// Writes EVE lines to stdout or an append-only file through one buffer, flushed at least every
/// <see cref="FlushInterval"/> so a tailing SIEM shipper sees alerts promptly without a syscall per line.
/// An I/O failure (disk full, closed pipe) is counted and logged, never thrown into the analysis path.
/// </summary>
public sealed partial class StreamAlertWriter : IAlertWriter, IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private readonly Stream _stream;
    private readonly BufferedStream _buffered;
    private readonly IdsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Timer _flushTimer;
    private bool _dirty;
    private bool _disposed;
    private long _lastErrorLog;

    public StreamAlertWriter(Stream stream, IdsMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _buffered = new BufferedStream(stream, 64 * 1024);
        _metrics = metrics;
        _logger = logger;
        _flushTimer = new Timer(_ => Flush(), null, FlushInterval, FlushInterval);
    }

    /// <summary>Opens <paramref name="path"/> for appending, or stdout when the path is <c>-</c>.</summary>
    public static StreamAlertWriter Open(string path, IdsMetrics metrics, ILogger logger)
    {
        if (path == "-")
        {
            return new StreamAlertWriter(Console.OpenStandardOutput(), metrics, logger);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096);
        return new StreamAlertWriter(file, metrics, logger);
    }

    public void Write(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                _metrics.AlertNotWritten();
                return;
            }

            try
            {
                _buffered.Write(line);
                _dirty = true;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                Failed(ex);
            }
        }
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (!_dirty || _disposed)
            {
                return;
            }

            try
            {
                _buffered.Flush();
                _dirty = false;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                Failed(ex);
            }
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
        lock (_gate)
        {
            _disposed = true;
            _buffered.Dispose();
            _stream.Dispose();
        }
    }

    private void Failed(Exception ex)
    {
        _metrics.AlertNotWritten();
        var now = Environment.TickCount64;
        if (now - _lastErrorLog > 60_000)
        {
            _lastErrorLog = now;
            Log.WriteFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 302, EventName = "AlertWriteFailed", Level = LogLevel.Error, Message = "Writing EVE output failed; lines are counted in eastwestids_alerts_not_written_total")]
        public static partial void WriteFailed(ILogger logger, Exception exception);
    }
}
