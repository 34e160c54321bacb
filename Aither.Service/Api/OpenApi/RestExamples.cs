using System.Text.Json;
using Aither.Service.Api.Rest;
using Aither.Sync.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Aither.Service.Api.OpenApi;

/// <summary>
/// The document's examples, produced by the service's own mapping and serializer (the proto responses go through
/// <see cref="RestContract"/>, the errors through <see cref="ApiError"/>), so they look exactly like real answers.
/// </summary>
internal static class RestExamples
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 6, 30, 0, TimeSpan.Zero);
    private static readonly string JobId = "sync-" + Start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static StartSyncResponse Started() => new() { JobId = JobId, Status = SyncStatus.Running, StartTime = Timestamp.FromDateTimeOffset(Start) };

    public static TriggerCronSyncResponse CronStarted() =>
        new() { Outcome = CronTriggerOutcome.Started, JobId = JobId, StartTime = Timestamp.FromDateTimeOffset(Start) };

    public static TriggerCronSyncResponse CronAlreadyRunning() =>
        new() { Outcome = CronTriggerOutcome.AlreadyRunning, JobId = JobId, StartTime = Timestamp.FromDateTimeOffset(Start) };

    public static GetStatusResponse Status() => new()
    {
        Job = new SyncJob
        {
            JobId = JobId,
            Status = SyncStatus.Success,
            StartTime = Timestamp.FromDateTimeOffset(Start),
            EndTime = Timestamp.FromDateTimeOffset(Start.AddMilliseconds(1834)),
            DurationMs = 1834,
            CourseId = "c-2026-12-08-leadership",
            ParticipantsFetched = 12,
            FilesGenerated = 1,
        },
    };

    public static GetSyncJobResponse Job() => new()
    {
        Job = Status().Job,
        Progress = new SyncJobProgress { Phase = SyncPhase.Writing, CoursePagesFetched = 1 },
    };

    /// <summary>One line of the event stream: the sync while it fetches the course's participants.</summary>
    public static WatchSyncResponse Event() => new()
    {
        Job = new SyncJob
        {
            JobId = JobId,
            Status = SyncStatus.Running,
            StartTime = Timestamp.FromDateTimeOffset(Start),
            CourseId = "c-2026-12-08-leadership",
        },
        Progress = new SyncJobProgress { Phase = SyncPhase.FetchingDetail, CoursePagesFetched = 1 },
    };

    public static ListSyncJobsResponse Page() => new() { Jobs = { Status().Job }, NextPageToken = "c3luYy0xNzk2MzY1ODAwMDAw" };

    /// <summary>A whole success envelope around <paramref name="data"/>, as JSON text.</summary>
    public static string SuccessEnvelope(object data) =>
        JsonSerializer.Serialize(new RestContract.SuccessEnvelope(true, data, Meta()), RestContract.JsonOptions);

    /// <summary>A whole error envelope for <paramref name="code"/>, as JSON text.</summary>
    public static string ErrorEnvelope(ApiErrorCode code)
    {
        var error = Error(code);
        return JsonSerializer.Serialize(new RestContract.ErrorEnvelope(false, new RestContract.ErrorJsonBody(error.Code, error.Message), Meta()), RestContract.JsonOptions);
    }

    private static ApiError Error(ApiErrorCode code)
    {
        RpcException? rpc = code.Code switch
        {
            ApiErrors.SyncInProgressReason => ApiErrors.SyncInProgress(JobId),
            ApiErrors.NoSyncJobReason => ApiErrors.NoSyncJob(),
            ApiErrors.SyncJobNotFoundReason => ApiErrors.SyncJobNotFound(JobId),
            ApiErrors.InvalidPageTokenReason => ApiErrors.InvalidPageToken(),
            ApiErrors.InvalidArgumentReason => ApiErrors.InvalidArgument("pageSize", "pageSize must not be negative, got -1"),
            ApiErrors.UnauthenticatedReason => ApiErrors.Unauthenticated(),
            ApiErrors.ForbiddenReason => ApiErrors.Forbidden(),
            ApiErrors.RateLimitedReason => ApiErrors.RateLimited(TimeSpan.FromSeconds(42)),
            ApiErrors.StateUnavailableReason => ApiErrors.StateUnavailable(),
            ApiErrors.ShuttingDownReason => ApiErrors.ShuttingDown(),
            _ => null,
        };
        if (rpc is not null)
        {
            return ApiError.FromRpc(rpc);
        }

        var fromStatus = ApiError.FromStatusCode(code.StatusCode ?? StatusCodes.Status400BadRequest, default);
        return fromStatus.Code == code.Code ? fromStatus : new ApiError(fromStatus.StatusCode, code.Code, code.Meaning);
    }

    private static RestContract.MetaJson Meta() => new("req-5f0c1a2b3c4d5e6f", RestContract.FormatTime(Start.AddMilliseconds(12)));
}
