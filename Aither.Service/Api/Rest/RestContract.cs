using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aither.Sync.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Aither.Service.Api.Rest;

/// <summary>
/// The published REST contract: <c>{success, data|error, meta:{requestId, timestamp}}</c>. JSON transcoding's
/// own output (200 for everything, unset fields omitted, google.rpc.Status errors) does not match it, so the
/// proto responses are mapped here explicitly, with every documented key present and JSON null where unknown.
/// </summary>
internal static class RestContract
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Messages read as written ("send 'Authorization: Bearer <token>'"), not \u0027 and \u003C. The body is
        // application/json and never embedded in HTML, which is what the default escaping guards against.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    /// <summary>The HTTP status and <c>data</c> object for a successful call.</summary>
    public static (int StatusCode, object Data) ToSuccess(IMessage response) => response switch
    {
        StartSyncResponse started => (StatusCodes.Status202Accepted,
            new StartedJobJson(started.JobId, ToText(started.Status), FormatTimestamp(started.StartTime)!)),
        GetStatusResponse status => (StatusCodes.Status200OK, ToJson(status.Job)),
        GetSyncJobResponse job => (StatusCodes.Status200OK, ToJson(job.Job, job.Progress)),
        WatchSyncResponse change => (StatusCodes.Status200OK, ToJson(change.Job, change.Progress)),
        ListSyncJobsResponse page => (StatusCodes.Status200OK, new JobPageJson(
            page.Jobs.Select(ToJson).ToArray(),
            string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken)),
        // A scheduler colours non-2xx red, so an overlap is 200 "already_running", not 409.
        TriggerCronSyncResponse { Outcome: CronTriggerOutcome.Started } started => (StatusCodes.Status202Accepted,
            new StartedJobJson(started.JobId, Sync.SyncJobStatusText.Running, FormatTimestamp(started.StartTime)!)),
        TriggerCronSyncResponse running => (StatusCodes.Status200OK,
            new StartedJobJson(running.JobId, "already_running", FormatTimestamp(running.StartTime)!)),
        _ => throw new InvalidOperationException($"No REST mapping for {response.Descriptor.FullName}"),
    };

    public static JobJson ToJson(SyncJob job) => new(
        job.JobId,
        ToText(job.Status),
        FormatTimestamp(job.StartTime)!,
        FormatTimestamp(job.EndTime),
        job.HasDurationMs ? job.DurationMs : null,
        job.HasCourseId ? job.CourseId : null,
        job.NoUpcomingCourse,
        job.ParticipantsFetched,
        job.FilesGenerated,
        job.FilesSkipped,
        job.Errors.Select(e => new ErrorJson(e.Entity, e.Message, FormatTimestamp(e.Timestamp)!)).ToArray());

    /// <summary>A job with its progress: the keys of <see cref="JobJson"/> plus <c>progress</c>.</summary>
    public static JobDetailJson ToJson(SyncJob job, SyncJobProgress? progress)
    {
        var j = ToJson(job);
        return new(
            j.JobId,
            j.Status,
            j.StartTime,
            j.EndTime,
            j.DurationMs,
            j.CourseId,
            j.NoUpcomingCourse,
            j.ParticipantsFetched,
            j.FilesGenerated,
            j.FilesSkipped,
            j.Errors,
            new ProgressJson(Sync.SyncJobPhaseText.ToText((progress?.Phase ?? SyncPhase.Unspecified).ToDomain()), progress?.CoursePagesFetched ?? 0));
    }

    public static string ToText(SyncStatus status) => Sync.SyncJobStatusText.ToText(status.ToDomain());

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? FormatTimestamp(Timestamp? timestamp) =>
        timestamp is null ? null : FormatTime(timestamp.ToDateTimeOffset());

    public static Task WriteSuccessAsync(HttpContext context, int statusCode, object data, DateTimeOffset now) =>
        WriteAsync(context, statusCode, new SuccessEnvelope(true, data, Meta(context, now)));

    public static Task WriteErrorAsync(HttpContext context, ApiError error, DateTimeOffset now) =>
        WriteAsync(context, error.StatusCode, new ErrorEnvelope(false, new ErrorJsonBody(error.Code, error.Message), Meta(context, now)));

    /// <summary>The last line of an event stream that failed after its first event (its status is already sent).</summary>
    public static Task WriteErrorLineAsync(HttpContext context, Stream body, ApiError error, DateTimeOffset now) =>
        WriteLineAsync(context, body, new ErrorEnvelope(false, new ErrorJsonBody(error.Code, error.Message), Meta(context, now)));

    /// <summary>One envelope as one line of newline-delimited JSON, flushed so the caller sees it at once.</summary>
    public static async Task WriteLineAsync<T>(HttpContext context, Stream body, T envelope)
    {
        await JsonSerializer.SerializeAsync(body, envelope, JsonOptions, context.RequestAborted);
        await body.WriteAsync(NewLine, context.RequestAborted);
        await body.FlushAsync(context.RequestAborted);
    }

    public static MetaJson Meta(HttpContext context, DateTimeOffset now) => new(context.TraceIdentifier, FormatTime(now));

    /// <summary>
    /// Serialized whole first: the envelopes are small, and a known <c>Content-Length</c> lets Kestrel send headers
    /// and body in one write instead of a chunked body plus its terminating chunk.
    /// </summary>
    private static Task WriteAsync<T>(HttpContext context, int statusCode, T envelope)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, JsonOptions);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    internal sealed record SuccessEnvelope(bool Success, object Data, MetaJson Meta);

    internal sealed record ErrorEnvelope(bool Success, ErrorJsonBody Error, MetaJson Meta);

    internal sealed record MetaJson(string RequestId, string Timestamp);

    internal sealed record ErrorJsonBody(string Code, string Message);

    internal sealed record StartedJobJson(string JobId, string Status, string StartTime);

    internal sealed record JobJson(
        string JobId,
        string Status,
        string StartTime,
        string? EndTime,
        long? DurationMs,
        string? CourseId,
        bool NoUpcomingCourse,
        int ParticipantsFetched,
        int FilesGenerated,
        int FilesSkipped,
        IReadOnlyList<ErrorJson> Errors);

    internal sealed record JobDetailJson(
        string JobId,
        string Status,
        string StartTime,
        string? EndTime,
        long? DurationMs,
        string? CourseId,
        bool NoUpcomingCourse,
        int ParticipantsFetched,
        int FilesGenerated,
        int FilesSkipped,
        IReadOnlyList<ErrorJson> Errors,
        ProgressJson Progress);

    internal sealed record ProgressJson(string? Phase, int CoursePagesFetched);

    internal sealed record ErrorJson(string Entity, string Message, string Timestamp);

    internal sealed record JobPageJson(IReadOnlyList<JobJson> Jobs, string? NextPageToken);
}
