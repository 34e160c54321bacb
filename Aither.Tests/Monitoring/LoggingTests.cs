using Aither.Service.Monitoring;
using System.Text;
using System.Text.Json;
using Aither.Service.Observability;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Monitoring;

public sealed class LoggingTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 57, 58, 927, TimeSpan.Zero);

    [Theory]
    [InlineData("Production", AitherJsonFormatter.FormatterName)]
    [InlineData("Development", AitherTextFormatter.FormatterName)]
    public void AddAitherLogging_Environment_ChoosesTheFormatter(string environment, string formatter)
    {
        using var services = Build(environment);

        Assert.Equal(formatter, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    [Fact]
    public void JsonFormatter_RequestAndJobScopes_WritesEachFieldOnceWithAnRfc3339Timestamp()
    {
        var line = Format(new AitherJsonFormatter(new FakeTimeProvider(At)), "Aither.Service.Sync.SyncCoordinator",
            "sync.started jobId={JobId} status=running force={Force}", ["sync-1", false]);

        Assert.DoesNotContain('\n', line.TrimEnd('\n'));
        using var json = JsonDocument.Parse(line);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("2026-11-30T10:57:58.927Z", json.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("Information", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("req-0123", json.RootElement.GetProperty("requestId").GetString()); // ours, not the connection's
        Assert.Equal("sync-1", json.RootElement.GetProperty("jobId").GetString());
        Assert.False(json.RootElement.GetProperty("Force").GetBoolean());
        Assert.Equal("/api/sync", json.RootElement.GetProperty("RequestPath").GetString());
        Assert.Equal("sync.started jobId=sync-1 status=running force=False", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void JsonFormatter_Apostrophe_IsWrittenAsIs()
    {
        var line = Format(new AitherJsonFormatter(new FakeTimeProvider(At)), "Aither.Test", "Send 'Authorization: Bearer <token>'", []);

        Assert.Contains("\"message\":\"Send 'Authorization: Bearer <token>'\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFormatter_LineInARequestAndASync_IsOneReadableLine()
    {
        var line = Format(new AitherTextFormatter(new FakeTimeProvider(At)), "Aither.Service.Hemera.SampleHemeraCatalog",
            "Hemera: using the built-in sample catalogue", []);

        var time = At.ToLocalTime().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{time} info SampleHemeraCatalog: Hemera: using the built-in sample catalogue (request req-0123, job sync-1)\n", line);
    }

    [Fact]
    public void TextFormatter_MessageNamingItsJob_DoesNotRepeatIt()
    {
        var line = Format(new AitherTextFormatter(new FakeTimeProvider(At)), "Aither.Service.Sync.SyncCoordinator",
            "sync.started jobId={JobId} status=running force={Force}", ["sync-1", false]);

        Assert.EndsWith("SyncCoordinator: sync.started jobId=sync-1 status=running force=False (request req-0123)\n", line, StringComparison.Ordinal);
    }

    /// <summary>Formats one Information entry inside ASP.NET Core's request scope, our request id scope and a job scope.</summary>
    private static string Format(ConsoleFormatter formatter, string category, string template, object?[] values)
    {
        var scopes = new LoggerExternalScopeProvider();
        using var writer = new StringWriter();
        var state = new TemplateState(template, values);
        using (scopes.Push(new Dictionary<string, object> { ["RequestId"] = "0HN7CONNECTION:00000001", ["RequestPath"] = "/api/sync", ["ConnectionId"] = "0HN7CONNECTION" }))
        using (scopes.Push(new LogScope(LogScope.RequestId, "req-0123")))
        using (scopes.Push(new LogScope(LogScope.JobId, "sync-1")))
        {
            formatter.Write(new LogEntry<TemplateState>(LogLevel.Information, category, new EventId(1, "SyncStarted"), state, null, (s, _) => s.ToString()), scopes, writer);
        }

        return writer.ToString();
    }

    /// <summary>What a [LoggerMessage] method passes: the named values and the template under {OriginalFormat}.</summary>
    private sealed class TemplateState(string template, object?[] values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _pairs = Names(template)
            .Select((name, i) => new KeyValuePair<string, object?>(name, values[i]))
            .Append(new("{OriginalFormat}", template))
            .ToList();

        public int Count => _pairs.Count;

        public KeyValuePair<string, object?> this[int index] => _pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _pairs.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = template;
            foreach (var (name, value) in _pairs.SkipLast(1))
            {
                text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            return text;
        }

        private static IEnumerable<string> Names(string template) =>
            System.Text.RegularExpressions.Regex.Matches(template, @"\{(\w+)\}").Select(m => m.Groups[1].Value);
    }

    [Fact]
    public async Task Sync_Finished_LogsOneStartAndOneCompletedLineWithTheItemFields()
    {
        await using var factory = new AitherFactory().WithOutput(output);
        var client = factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);
        await factory.Pipeline.Started.Guarded();
        factory.Pipeline.Succeed(run => run.ReportCourse("c7"));
        await factory.Coordinator.WhenIdleAsync().Guarded();

        var jobId = factory.Coordinator.Latest!.JobId;
        Assert.Single(factory.Logs.Lines, l => l.Contains("sync.started jobId=" + jobId, StringComparison.Ordinal));
        var completed = Assert.Single(factory.Logs.Lines, l => l.Contains("sync.completed jobId=" + jobId, StringComparison.Ordinal));
        foreach (var field in new[] { "status=", "durationMs=", "courseId=c7", "noUpcomingCourse=", "participantsFetched=", "filesGenerated=", "filesSkipped=", "errorCount=" })
        {
            Assert.Contains(field, completed, StringComparison.Ordinal);
        }
    }

    private static ServiceProvider Build(string environment) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddAitherLogging(new Environment(environment)))
            .BuildServiceProvider();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Aither.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
