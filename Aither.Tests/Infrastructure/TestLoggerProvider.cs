using Microsoft.Extensions.Logging;

namespace Aither.Tests.Infrastructure;

/// <summary>
/// Forwards server logs to the xunit output of the test that is running, and keeps every line for assertions.
/// It accepts every level; the logging builder's minimum level decides what reaches it.
/// </summary>
public sealed class TestLoggerProvider : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public ITestOutputHelper? Output { get; set; }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return _lines.ToArray();
            }
        }
    }

    public string All => string.Join(Environment.NewLine, Lines);

    public ILogger CreateLogger(string categoryName) => new TestLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
        }

        try
        {
            Output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test that owned the output has finished; background work may still log.
        }
    }

    private sealed class TestLogger(TestLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null)
            {
                line += Environment.NewLine + exception;
            }

            provider.Write(line);
        }
    }
}
