using System.Globalization;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>Values that must never leave the process, wherever they turn up in an item.</summary>
public sealed class MonitoringSecrets
{
    [ConfigurationKeyName("ROLLBAR_ACCESS_TOKEN")]
    public string? RollbarAccessToken { get; set; }

    [ConfigurationKeyName("ROLLBAR_SERVER_TOKEN")]
    public string? RollbarServerToken { get; set; }

    [ConfigurationKeyName("SMTP_PASS")]
    public string? SmtpPassword { get; set; }

    /// <summary>Comma-separated, like the auth configuration.</summary>
    [ConfigurationKeyName("AITHER_ADMIN_TOKEN")]
    public string? AdminTokens { get; set; }

    /// <summary>Comma-separated, like the room configuration.</summary>
    [ConfigurationKeyName("ROOM_VIEWER_TOKENS")]
    public string? ViewerTokens { get; set; }

    [ConfigurationKeyName("HEMERA_API_KEY")]
    public string? HemeraApiKey { get; set; }

    [ConfigurationKeyName("CRON_SECRET")]
    public string? CronSecret { get; set; }

    public IEnumerable<string> Values =>
        new[] { RollbarAccessToken, RollbarServerToken, SmtpPassword, HemeraApiKey, CronSecret }
            .Concat((AdminTokens ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat((ViewerTokens ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => v?.Trim())
            .Where(v => !string.IsNullOrEmpty(v))
            .Select(v => v!);
}
