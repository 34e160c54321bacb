using System.Globalization;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>The failure e-mail: who gets it, after how many failures, and the SMTP server. Off unless configured.</summary>
public sealed class FailureEmailOptions
{
    /// <summary>Comma-separated recipients; unset switches the e-mail off.</summary>
    [ConfigurationKeyName("NOTIFY_EMAIL_TO")]
    public string? To { get; set; }

    [ConfigurationKeyName("NOTIFY_FAILURE_THRESHOLD")]
    public int FailureThreshold { get; set; } = 3;

    /// <summary>Where the recipient can see the job status, e.g. <c>https://aither.example.org/api/sync</c>.</summary>
    [ConfigurationKeyName("NOTIFY_STATUS_URL")]
    public string? StatusUrl { get; set; }

    [ConfigurationKeyName("SMTP_HOST")]
    public string? Host { get; set; }

    [ConfigurationKeyName("SMTP_PORT")]
    public int Port { get; set; } = 587;

    [ConfigurationKeyName("SMTP_USER")]
    public string? User { get; set; }

    [ConfigurationKeyName("SMTP_PASS")]
    public string? Password { get; set; }

    [ConfigurationKeyName("SMTP_FROM")]
    public string? From { get; set; }

    /// <summary><c>true</c>: TLS from the first byte (port 465); <c>false</c> (default): STARTTLS when offered; <c>starttls</c>: STARTTLS required; <c>none</c>: plain.</summary>
    [ConfigurationKeyName("SMTP_SECURE")]
    public string? Secure { get; set; }

    [ConfigurationKeyName("SMTP_TIMEOUT_MS")]
    public int TimeoutMs { get; set; } = 15_000;

    public IReadOnlyList<string> Recipients =>
        (To ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Enabled => Recipients.Count > 0;

    internal SecureSocketOptions? SocketOptions => (Secure ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "false" or "0" or "auto" => SecureSocketOptions.StartTlsWhenAvailable,
        "true" or "1" or "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        "none" => SecureSocketOptions.None,
        _ => null,
    };
}

internal sealed class FailureEmailOptionsValidator : IValidateOptions<FailureEmailOptions>
{
    public ValidateOptionsResult Validate(string? name, FailureEmailOptions options)
    {
        var failures = new List<string>();
        if (options.SocketOptions is null)
        {
            failures.Add($"SMTP_SECURE must be true, false, starttls or none, got '{options.Secure}'.");
        }

        if (options.FailureThreshold < 1)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"NOTIFY_FAILURE_THRESHOLD must be at least 1, got '{options.FailureThreshold}'."));
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.Host))
            {
                failures.Add("NOTIFY_EMAIL_TO is set but SMTP_HOST is not; set both to send failure e-mails.");
            }

            if (string.IsNullOrWhiteSpace(options.From))
            {
                failures.Add("NOTIFY_EMAIL_TO is set but SMTP_FROM is not; set the sender address.");
            }

            if (options.Port is < 1 or > 65535)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"SMTP_PORT must be between 1 and 65535, got '{options.Port}'."));
            }

            if (!string.IsNullOrWhiteSpace(options.StatusUrl) && !Uri.TryCreate(options.StatusUrl, UriKind.Absolute, out _))
            {
                failures.Add($"NOTIFY_STATUS_URL must be an absolute URL, got '{options.StatusUrl}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
