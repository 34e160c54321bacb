using System.Diagnostics;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Api;

/// <summary>Invalid configuration stops the real service process with one line naming the variable.</summary>
[LongRunning(8)]
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("SYNC_TIMEOUT_MS", "abc")]
    [InlineData("SYNC_TIMEOUT_MS", "5")]
    [InlineData("SYNC_SHUTDOWN_GRACE_MS", "-1")]
    [InlineData("CLERK_ISSUER", "not a url")]
    [InlineData("HTML_OUTPUT_DIR", " ")]
    [InlineData("AUTH_FAILURE_LIMIT", "0")]
    [InlineData("AUTH_FAILURE_LIMIT", "many")]
    [InlineData("AUTH_FAILURE_WINDOW_SECONDS", "0")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    public async Task StartUp_InvalidValue_ExitsWithOneLineNamingTheVariable(string variable, string value)
    {
        var (exitCode, stderr) = await RunServiceAsync(new() { [variable] = value });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Invalid configuration: ", line, StringComparison.Ordinal);
        Assert.Contains(variable, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_InvalidValue_DoesNotEchoSecrets()
    {
        var (exitCode, stderr) = await RunServiceAsync(new()
        {
            ["AITHER_ADMIN_TOKEN"] = "super-secret-admin-token",
            ["CLERK_JWKS_URL"] = "not a url",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("CLERK_JWKS_URL", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-admin-token", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the built service as operators do, with a valid Production baseline plus <paramref name="environment"/>.</summary>
    internal static async Task<(int ExitCode, string Stderr)> RunServiceAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Aither.Service.dll")])
        {
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Kestrel__Endpoints__Rest__Url"] = "http://127.0.0.1:0";
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0";
        start.Environment["HEMERA_API_BASE_URL"] = "http://127.0.0.1:9";
        start.Environment["HEMERA_API_KEY"] = "test-hemera-key";
        start.Environment["AITHER_ADMIN_TOKEN"] = "test-admin-token";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().Guarded();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await stdout;
        return (process.ExitCode, await stderr);
    }
}
