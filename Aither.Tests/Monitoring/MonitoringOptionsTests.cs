using Aither.Service.Monitoring;

namespace Aither.Tests.Monitoring;

public sealed class MonitoringOptionsTests
{
    [Theory]
    [InlineData(null, "t", true)]
    [InlineData("1", "t", true)]
    [InlineData("0", "t", false)]
    [InlineData("false", "t", false)]
    [InlineData(null, null, false)]
    [InlineData(null, "  ", false)]
    public void IsActive_EnabledAndToken_OnlyWithATokenAndNotSwitchedOff(string? enabled, string? token, bool active)
    {
        Assert.Equal(active, new RollbarOptions { Enabled = enabled, AccessToken = token }.IsActive);
    }

    [Fact]
    public void Validate_BadValues_NamesEachVariableAndNeverTheToken()
    {
        var options = new RollbarOptions
        {
            Enabled = "maybe",
            AccessToken = "secret-token-value",
            Endpoint = "ftp://rollbar",
            QueueCapacity = 0,
            SampleRateInfo = 1.5,
        };

        var result = new RollbarOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = string.Join(" ", result.Failures!);
        Assert.Contains("ROLLBAR_ENABLED", message, StringComparison.Ordinal);
        Assert.Contains("ROLLBAR_ENDPOINT", message, StringComparison.Ordinal);
        Assert.Contains("ROLLBAR_QUEUE_CAPACITY", message, StringComparison.Ordinal);
        Assert.Contains("ROLLBAR_SAMPLE_RATE_INFO", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new RollbarOptionsValidator().Validate(null, new RollbarOptions()).Succeeded);
        Assert.True(new FailureEmailOptionsValidator().Validate(null, new FailureEmailOptions()).Succeeded);
    }

    [Fact]
    public void Validate_RecipientWithoutSmtpHost_FailsNamingTheVariables()
    {
        var options = new FailureEmailOptions { To = "oncall@aither.test", Password = "smtp-secret", Secure = "sometimes", FailureThreshold = 0 };

        var result = new FailureEmailOptionsValidator().Validate(null, options);

        var message = string.Join(" ", result.Failures!);
        Assert.Contains("SMTP_HOST", message, StringComparison.Ordinal);
        Assert.Contains("SMTP_FROM", message, StringComparison.Ordinal);
        Assert.Contains("SMTP_SECURE", message, StringComparison.Ordinal);
        Assert.Contains("NOTIFY_FAILURE_THRESHOLD", message, StringComparison.Ordinal);
        Assert.DoesNotContain("smtp-secret", message, StringComparison.Ordinal);
    }
}
