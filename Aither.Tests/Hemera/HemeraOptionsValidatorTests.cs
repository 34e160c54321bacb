using Aither.Tests.Api;
using Aither.Service.Hemera;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Hemera;

public sealed class HemeraOptionsValidatorTests
{
    private const string Key = "k3y-that-must-not-leak";

    [Theory]
    [InlineData("https://academy.example.com")]
    [InlineData("https://academy.example.com/")]
    [InlineData("http://127.0.0.1:5000")]
    public void Validate_Origin_Succeeds(string url)
    {
        var result = Validate(new HemeraOptions { BaseUrl = url, ApiKey = Key });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("https://academy.example.com/api")]
    [InlineData("https://academy.example.com/api/service/")]
    [InlineData("https://academy.example.com/?tenant=1")]
    public void Validate_UrlWithPathOrQuery_FailsNamingVariableAndValue(string url)
    {
        var result = Validate(new HemeraOptions { BaseUrl = url, ApiKey = Key });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("HEMERA_API_BASE_URL", failure, StringComparison.Ordinal);
        Assert.Contains($"'{url}'", failure, StringComparison.Ordinal);
        Assert.Contains("origin", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://academy.example.com")]
    [InlineData("academy.example.com")]
    [InlineData("/api/service")]
    public void Validate_NotAnHttpUrl_Fails(string url)
    {
        var failure = Assert.Single(Validate(new HemeraOptions { BaseUrl = url, ApiKey = Key }).Failures!);

        Assert.Equal($"HEMERA_API_BASE_URL must be an absolute http(s) URL, got '{url}'.", failure);
    }

    [Fact]
    public void Validate_UrlWithCredentials_FailsWithoutEchoingThem()
    {
        var failure = Assert.Single(Validate(new HemeraOptions { BaseUrl = "https://svc:hunter2@academy.example.com", ApiKey = Key }).Failures!);

        Assert.Contains("HEMERA_API_BASE_URL", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NothingSet_FailsForUrlAndKey()
    {
        var result = Validate(new HemeraOptions());

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("HEMERA_API_BASE_URL is not set.", StringComparison.Ordinal));
        Assert.Contains("HEMERA_API_KEY is not set.", result.Failures!);
    }

    [Fact]
    public void Validate_KeyWithLineBreak_FailsWithoutEchoingIt()
    {
        var failure = Assert.Single(Validate(new HemeraOptions { BaseUrl = "https://a.example", ApiKey = Key + "\n" }).Failures!);

        Assert.Contains("HEMERA_API_KEY", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HEMERA_TOTAL_TIMEOUT_MS", 30_000, 30_000, 5, 1024)]
    [InlineData("HEMERA_ATTEMPT_TIMEOUT_MS", 0, 180_000, 5, 1024)]
    [InlineData("HEMERA_MAX_RETRIES", 30_000, 180_000, -1, 1024)]
    [InlineData("HEMERA_MAX_RESPONSE_BYTES", 30_000, 180_000, 5, 10)]
    public void Validate_NumberOutOfRange_FailsNamingVariable(string variable, int attempt, int total, int retries, long maxBytes)
    {
        var options = new HemeraOptions
        {
            BaseUrl = "https://a.example",
            ApiKey = Key,
            AttemptTimeoutMs = attempt,
            TotalTimeoutMs = total,
            MaxRetries = retries,
            MaxResponseBytes = maxBytes,
        };

        var failure = Assert.Single(Validate(options).Failures!);

        Assert.StartsWith(variable, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_MatchTheDocumentedValues()
    {
        var options = new HemeraOptions();

        Assert.Equal(30_000, options.AttemptTimeoutMs);
        Assert.Equal(180_000, options.TotalTimeoutMs);
        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(60_000, options.RetryAfterCapMs);
        Assert.Equal(64L * 1024 * 1024, options.MaxResponseBytes);
    }

    [Fact]
    public async Task Startup_BaseUrlWithPath_StopsWithOneLine()
    {
        var (exitCode, stderr) = await ConfigurationTests.RunServiceAsync(new() { ["HEMERA_API_BASE_URL"] = "https://academy.example.com/api/service" });

        Assert.Equal(1, exitCode);
        Assert.Contains("HEMERA_API_BASE_URL must be an origin only", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_OutsideDevelopmentWithoutHemera_StopsWithOneLine()
    {
        var (exitCode, stderr) = await ConfigurationTests.RunServiceAsync(new() { ["HEMERA_API_BASE_URL"] = "", ["HEMERA_API_KEY"] = "" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("HEMERA_API_BASE_URL is not set", line, StringComparison.Ordinal);
        Assert.Contains("HEMERA_API_KEY is not set.", line, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(HemeraOptions options) => new HemeraOptionsValidator().Validate(null, options);
}
