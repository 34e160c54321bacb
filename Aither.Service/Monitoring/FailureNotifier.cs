using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Aither.Service.Sync;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Aither.Service.Monitoring;

/// <summary>
/// Counts consecutive failed syncs; from <c>NOTIFY_FAILURE_THRESHOLD</c> on, every further failure is mailed until
/// a success resets the count. Mails go out from a background loop, so a slow or broken SMTP server never holds
/// up a sync; a send failure is logged and reported to Rollbar.
/// </summary>
internal sealed partial class FailureNotifier(
    IOptions<FailureEmailOptions> options,
    RollbarScrubber scrubber,
    IErrorReporter reporter,
    ILogger<FailureNotifier> logger) : BackgroundService, ISyncObserver
{
    private readonly FailureEmailOptions _options = options.Value;
    private readonly Channel<(SyncJobSnapshot Job, int Failures)> _outbox = Channel.CreateBounded<(SyncJobSnapshot, int)>(
        new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Lock _lock = new();
    private int _consecutiveFailures;

    public void SyncCompleted(SyncJobSnapshot job)
    {
        int failures;
        lock (_lock)
        {
            _consecutiveFailures = job.Status == SyncJobStatus.Success ? 0 : _consecutiveFailures + 1;
            failures = _consecutiveFailures;
        }

        if (_options.Enabled && failures >= _options.FailureThreshold)
        {
            _outbox.Writer.TryWrite((job, failures));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            Log.Off(logger);
            return;
        }

        Log.On(logger, _options.Recipients.Count, _options.FailureThreshold, _options.Host!, _options.Port);
        await foreach (var (job, failures) in _outbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SendAsync(job, failures, stoppingToken).ConfigureAwait(false);
                Log.Sent(logger, job.JobId, failures);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.SendFailed(logger, job.JobId, ex.GetType().Name, ex);
                reporter.ReportException(ex, new ErrorContext("smtp", JobId: job.JobId));
            }
        }
    }

    private async Task SendAsync(SyncJobSnapshot job, int failures, CancellationToken cancellationToken)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From!));
        foreach (var recipient in _options.Recipients)
        {
            message.To.Add(MailboxAddress.Parse(recipient));
        }

        message.Subject = string.Create(CultureInfo.InvariantCulture, $"[Aither] Sync {job.JobId} failed ({failures} consecutive failures)");
        message.Body = new TextPart("plain") { Text = scrubber.ScrubText(Body(job, failures)) };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.TimeoutMs);
        using var client = new SmtpClient { Timeout = _options.TimeoutMs };
        await client.ConnectAsync(_options.Host!, _options.Port, _options.SocketOptions!.Value, timeout.Token).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_options.User))
        {
            await client.AuthenticateAsync(_options.User, _options.Password ?? "", timeout.Token).ConfigureAwait(false);
        }

        await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
    }

    private string Body(SyncJobSnapshot job, int failures)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"The last {failures} syncs of Aither failed; this mail repeats for every further failure until a sync succeeds.");
        text.AppendLine();
        text.AppendLine(culture, $"Job:       {job.JobId}");
        text.AppendLine(culture, $"Started:   {job.StartTime.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        text.AppendLine(culture, $"Finished:  {job.EndTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", culture) ?? "-"}");
        text.AppendLine(culture, $"Duration:  {job.DurationMs?.ToString(culture) ?? "-"} ms");
        text.AppendLine(culture, $"Course:    {job.CourseId ?? "-"}");
        text.AppendLine();
        text.AppendLine("Errors:");
        foreach (var error in job.Errors)
        {
            text.AppendLine(culture, $"- {error.Entity}: {error.Message} ({error.Timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})");
        }

        text.AppendLine();
        text.AppendLine(culture, $"Status:    {(string.IsNullOrWhiteSpace(_options.StatusUrl) ? "GET /api/sync on the Aither service" : _options.StatusUrl)}");
        return text.ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 621, EventName = "FailureNotifier.Off", Level = LogLevel.Information, Message = "Failure e-mail is off (NOTIFY_EMAIL_TO is not set)")]
        public static partial void Off(ILogger logger);

        [LoggerMessage(EventId = 622, EventName = "FailureNotifier.On", Level = LogLevel.Information,
            Message = "Failure e-mail to {RecipientCount} recipient(s) after {Threshold} consecutive failed syncs, via {Host}:{Port}")]
        public static partial void On(ILogger logger, int recipientCount, int threshold, string host, int port);

        [LoggerMessage(EventId = 623, EventName = "FailureNotifier.Sent", Level = LogLevel.Information, Message = "Failure e-mail sent for {JobId} ({Failures} consecutive failures)")]
        public static partial void Sent(ILogger logger, string jobId, int failures);

        [LoggerMessage(EventId = 624, EventName = "FailureNotifier.SendFailed", Level = LogLevel.Error, Message = "Failure e-mail for {JobId} could not be sent ({ExceptionType})")]
        public static partial void SendFailed(ILogger logger, string jobId, string exceptionType, Exception exception);
    }
}
