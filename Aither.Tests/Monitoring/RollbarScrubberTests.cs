using System.Text.Json.Nodes;
using Aither.Service.Monitoring;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Monitoring;

public sealed class RollbarScrubberTests
{
    private readonly PersonalDataRegistry _registry = new();

    [Theory]
    [InlineData("name")]
    [InlineData("preparationIntent")]
    [InlineData("desiredResults")]
    [InlineData("lineManagerProfile")]
    [InlineData("email")]
    [InlineData("Authorization")]
    [InlineData("token")]
    [InlineData("password")]
    [InlineData("apiKey")]
    [InlineData("x-api-key")]
    [InlineData("api_key")]
    public void Scrub_SensitiveFieldAnywhere_ValueIsReplaced(string field)
    {
        var item = new JsonObject { ["data"] = new JsonObject { ["custom"] = new JsonObject { ["list"] = new JsonArray(new JsonObject { [field] = "kept-out" }) } } };

        Scrubber().Scrub(item);

        Assert.DoesNotContain("kept-out", item.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(RollbarScrubber.Replacement, item.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public void Scrub_UserId_PassesOnlyWithAllowPii(string? allowPii, bool kept)
    {
        var item = new JsonObject { ["userId"] = "user_2abc" };

        Scrubber(allowPii: allowPii).Scrub(item);

        Assert.Equal(kept, item.ToJsonString().Contains("user_2abc", StringComparison.Ordinal));
    }

    [Fact]
    public void Scrub_SecretValuesInsideText_AreReplaced()
    {
        var secrets = new MonitoringSecrets
        {
            RollbarAccessToken = "rb-secret-1",
            SmtpPassword = "smtp-secret-2",
            AdminTokens = "admin-secret-3, admin-secret-4",
            HemeraApiKey = "hemera-secret-5",
            CronSecret = "cron-secret-6",
        };
        var item = new JsonObject
        {
            ["message"] = "rb-secret-1 smtp-secret-2 admin-secret-3 admin-secret-4 hemera-secret-5 cron-secret-6",
            ["list"] = new JsonArray("x hemera-secret-5 y"),
        };

        Scrubber(secrets).Scrub(item);

        var text = item.ToJsonString();
        Assert.DoesNotContain("secret-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_EmailJwtAndBearerInText_AreReplaced()
    {
        var item = new JsonObject
        {
            ["message"] = "mail anna.k@example.org, jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl, header Bearer abcdefghijklmnop",
        };

        Scrubber().Scrub(item);

        var text = item.ToJsonString();
        Assert.DoesNotContain("example.org", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnop", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_RememberedParticipantValues_AreReplacedInAnyText()
    {
        _registry.Remember(new Aither.Service.Hemera.Participant(
            null, null, "u1", "Quirinella Zabrowski-Fenn", "confirmed", "Ich will Kubernetes lernen", "Mehr Ruhe", null, null));
        var item = new JsonObject { ["message"] = "failed for Zabrowski: 'Ich will Kubernetes lernen' (Quirinella Zabrowski-Fenn)" };

        Scrubber().Scrub(item);

        var text = item.ToJsonString();
        Assert.DoesNotContain("Zabrowski", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quirinella", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kubernetes", text, StringComparison.Ordinal);
        Assert.StartsWith("{\"message\":\"failed for ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_HarmlessItem_IsUnchanged()
    {
        var item = new JsonObject { ["jobId"] = "sync-1", ["status"] = "failed", ["errorCount"] = 1 };
        var before = item.ToJsonString();

        Scrubber().Scrub(item);

        Assert.Equal(before, item.ToJsonString());
    }

    private RollbarScrubber Scrubber(MonitoringSecrets? secrets = null, string? allowPii = null) =>
        new(Options.Create(new RollbarOptions { AllowPii = allowPii }), Options.Create(secrets ?? new MonitoringSecrets()), _registry);
}
