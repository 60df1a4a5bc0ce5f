using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PbxGrains.Tests.VoipSun.Infrastructure;

/// <summary>
/// The surface's log lines, kept so a test can see what the surface logs where the document gives no error to
/// answer with. Tests look up their own tenant's lines only, so the shared fixture's log serves them all.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IEnumerable<string> LinesAbout(string tenant) => _lines.Where(l => l.Contains(tenant, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
