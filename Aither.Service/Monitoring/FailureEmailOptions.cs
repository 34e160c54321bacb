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
