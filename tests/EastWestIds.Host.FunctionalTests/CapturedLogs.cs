using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// A logger provider that keeps every line a host logs, exceptions included, so that a test failing on a status code
/// can say what the host saw (a rare failure on a shared CI machine leaves nothing else behind).
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public override string ToString() => _lines.IsEmpty ? "(nothing logged)" : string.Join('\n', _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
    }
}
