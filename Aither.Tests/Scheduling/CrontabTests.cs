using System.Diagnostics;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Scheduling;

/// <summary>The crontab line documented in the README, run verbatim (URL changed) with bash and curl against the service.</summary>
public sealed class CrontabTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string DocumentedUrl = "https://aither.example.com/api/sync";
    private readonly AitherFactory _factory = new AitherFactory().WithOutput(output).UseRealKestrel();

    public Task InitializeAsync()
    {
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    /// <summary>The documented crontab entry without its five schedule fields, pointed at the test service.</summary>
    private string CrontabCommand()
    {
        var entry = Readme.CodeBlockContaining(DocumentedUrl).Trim();
        Assert.StartsWith("*/30 * * * * curl ", entry, StringComparison.Ordinal);
        var command = string.Join(' ', entry.Split(' ').Skip(5));
        return command.Replace(DocumentedUrl, new Uri(_factory.RestAddress!, "/api/sync").ToString(), StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunCrontabAsync(string adminToken)
    {
        var start = new ProcessStartInfo("bash", ["-c", CrontabCommand()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AITHER_ADMIN_TOKEN"] = adminToken;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().Guarded();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Crontab_FirstThenOverlappingCall_BothSilent()
    {
        var first = await RunCrontabAsync(AitherFactory.AdminToken);
        Assert.Equal((0, "", ""), first);
        var run = await _factory.Pipeline.Started.Guarded();

        var second = await RunCrontabAsync(AitherFactory.AdminToken);

        Assert.Equal((0, "", ""), second);
        Assert.Equal(run.JobId, _factory.Coordinator.Latest!.JobId);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task Crontab_WrongToken_PrintsTheFailureLineToStderr()
    {
        var result = await RunCrontabAsync("not-the-admin-token");

        Assert.Equal("", result.Stdout);
        Assert.Equal("Sync fehlgeschlagen: HTTP 401\n", result.Stderr);
        Assert.Null(_factory.Coordinator.Latest);
    }
}
