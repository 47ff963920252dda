using System.Collections.Concurrent;
using FleetOps.Testing.Files;
using FleetOps.Testing.Git;
using FleetOps.Testing.Polling;
using Microsoft.Extensions.Logging;

namespace FleetOps.EdgeAgent.Tests.Doubles;

/// <summary>Keeps every log line (level, category, formatted message) so a test can assert what an operator would read.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => lines.ToArray();

    public ILoggerFactory CreateFactory() => new LoggerFactory([this]);

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

    public void Dispose()
    {
    }

    internal sealed record LogLine(LogLevel Level, string Category, string Message, Exception? Exception);

    private sealed class Recorder(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(logLevel, category, formatter(state, exception), exception));
    }
}
