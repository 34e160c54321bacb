using System.Text.Json.Nodes;
using Aither.Service.Auth;
using Aither.Service.Sync;
using Microsoft.Extensions.Options;

namespace Aither.Service.Monitoring;

/// <summary>Turns reports and sync events into scrubbed Rollbar items on the <see cref="RollbarQueue"/>.</summary>
internal sealed partial class RollbarReporter(
    RollbarItemFactory items,
    RollbarQueue queue,
    IOptions<RollbarOptions> options,
    ILogger<RollbarReporter> logger) : IErrorReporter, ISyncObserver
{
    public const string SyncCompletedMessage = "sync.completed";
    public const string ManifestCorruptedMessage = "sync.manifest.corrupted";
    public const string AuthFailedMessage = "auth.failed";
    public const string AuthRateLimitedMessage = "auth.rate_limited";

    private readonly RollbarOptions _options = options.Value;

    public void SyncCompleted(SyncJobSnapshot job) => Send(RollbarLevel.Info, () => items.Message(RollbarLevel.Info, SyncCompletedMessage, new JsonObject
    {
        ["jobId"] = job.JobId,
        ["status"] = job.Status.ToText(),
        ["durationMs"] = job.DurationMs,
        ["courseId"] = job.CourseId,
        ["participantsFetched"] = job.ParticipantsFetched,
        ["filesGenerated"] = job.FilesGenerated,
        ["filesSkipped"] = job.FilesSkipped,
        ["errorCount"] = job.Errors.Count,
        ["noUpcomingCourse"] = job.NoUpcomingCourse,
    }));

    public void ManifestCorrupted(string path, string reason) =>
        Send(RollbarLevel.Warning, () => items.Message(RollbarLevel.Warning, ManifestCorruptedMessage, new JsonObject { ["path"] = path }));

    public void ReportException(Exception exception, ErrorContext context) =>
        Send(RollbarLevel.Error, () => items.Trace(RollbarLevel.Error, exception, Custom(context), context.Route ?? context.Source));

    public void ReportError(string message, ErrorContext context) =>
        Send(RollbarLevel.Error, () => items.Message(RollbarLevel.Error, message, Custom(context)));

    public void ReportAuthFailure(AuthFailure failure) => Send(RollbarLevel.Warning, () => items.Message(RollbarLevel.Warning, AuthFailedMessage, new JsonObject
    {
        ["reason"] = failure.Reason,
        ["method"] = failure.Method,
        ["route"] = failure.Route,
        ["requestId"] = failure.RequestId,
        ["clientAddress"] = failure.ClientAddress,
    }));

    public void ReportAuthRateLimited(FailedAuthenticationBurst burst) => Send(RollbarLevel.Warning, () => items.Message(RollbarLevel.Warning, AuthRateLimitedMessage, new JsonObject
    {
        ["policy"] = burst.Policy,
        ["clientAddress"] = burst.ClientAddress,
        ["permitLimit"] = burst.PermitLimit,
        ["windowSeconds"] = (long)burst.Window.TotalSeconds,
        ["limitedUntil"] = burst.WindowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    }));

    private static JsonObject Custom(ErrorContext context)
    {
        var custom = new JsonObject { ["source"] = context.Source };
        Add(custom, "method", context.Method);
        Add(custom, "route", context.Route);
        Add(custom, "requestId", context.RequestId);
        Add(custom, "jobId", context.JobId);
        return custom;

        static void Add(JsonObject json, string key, string? value)
        {
            if (value is not null)
            {
                json[key] = value;
            }
        }
    }

    private void Send(RollbarLevel level, Func<byte[]> build)
    {
        if (!_options.IsActive || !Sampled(level))
        {
            return;
        }

        try
        {
            queue.Enqueue(build());
        }
        catch (Exception ex)
        {
            Log.BuildFailed(logger, ex.GetType().Name);
        }
    }

    private bool Sampled(RollbarLevel level)
    {
        var rate = _options.SampleRate(level);
        return rate >= 1 || (rate > 0 && Random.Shared.NextDouble() < rate);
    }

    private static partial class Log
    {
        // Only the type: the exception may have been built from the item's content.
        [LoggerMessage(EventId = 611, EventName = "RollbarReporter.BuildFailed", Level = LogLevel.Warning, Message = "Building a Rollbar item failed ({ExceptionType}); it was dropped")]
        public static partial void BuildFailed(ILogger logger, string exceptionType);
    }
}
