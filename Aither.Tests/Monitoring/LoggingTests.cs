using Aither.Service.Monitoring;
using System.Text;
using System.Text.Json;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Monitoring;

public sealed class LoggingTests(ITestOutputHelper output)
{
    [Fact]
    public void AddAitherLogging_Production_WritesJsonLinesWithTheRequestIdScope()
    {
        using var services = Build("Production");
        Assert.Equal(ConsoleFormatterNames.Json, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        var scopes = new LoggerExternalScopeProvider();
        using var writer = new StringWriter();

        using (scopes.Push(new Dictionary<string, object> { ["RequestId"] = "req-0123" }))
        {
            formatter.Write(
                new LogEntry<string>(LogLevel.Information, "Aither.Test", new EventId(2), "sync.completed", null, (s, _) => s),
                scopes,
                writer);
        }

        var line = writer.ToString().Trim();
        Assert.DoesNotContain('\n', line);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Contains(json.RootElement.GetProperty("Scopes").EnumerateArray(),
            s => s.TryGetProperty("RequestId", out var id) && id.GetString() == "req-0123");
    }

    [Fact]
    public void AddAitherLogging_Development_UsesTheSimpleConsoleWithScopes()
    {
        using var services = Build("Development");

        Assert.Equal(ConsoleFormatterNames.Simple, services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        Assert.True(services.GetRequiredService<IOptionsMonitor<SimpleConsoleFormatterOptions>>().CurrentValue.IncludeScopes);
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
