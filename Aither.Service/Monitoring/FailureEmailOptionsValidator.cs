using System.Globalization;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

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
