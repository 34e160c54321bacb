using Aither.Service.Sync;
using Aither.Sync.V1;
using Google.Protobuf.WellKnownTypes;

namespace Aither.Service.Api;

/// <summary>Maps the coordinator's snapshots to the proto contract.</summary>
internal static class SyncContractMapping
{
    public static StartSyncResponse ToStartSyncResponse(this SyncJobSnapshot job) => new()
    {
        JobId = job.JobId,
        Status = job.Status.ToProto(),
        StartTime = Timestamp.FromDateTimeOffset(job.StartTime),
    };

    public static TriggerCronSyncResponse ToTriggerCronSyncResponse(this SyncStartResult result) => new()
    {
        Outcome = result.Started ? CronTriggerOutcome.Started : CronTriggerOutcome.AlreadyRunning,
        JobId = result.Job.JobId,
        StartTime = Timestamp.FromDateTimeOffset(result.Job.StartTime),
    };

    public static Aither.Sync.V1.SyncJob ToProto(this SyncJobSnapshot job)
    {
        var proto = new Aither.Sync.V1.SyncJob
        {
            JobId = job.JobId,
            Status = job.Status.ToProto(),
            StartTime = Timestamp.FromDateTimeOffset(job.StartTime),
            NoUpcomingCourse = job.NoUpcomingCourse,
            ParticipantsFetched = job.ParticipantsFetched,
            FilesGenerated = job.FilesGenerated,
            FilesSkipped = job.FilesSkipped,
        };
        if (job.EndTime is { } endTime)
        {
            proto.EndTime = Timestamp.FromDateTimeOffset(endTime);
        }

        if (job.DurationMs is { } durationMs)
        {
            proto.DurationMs = durationMs;
        }

        if (job.CourseId is { } courseId)
        {
            proto.CourseId = courseId;
        }

        proto.Errors.AddRange(job.Errors.Select(e => new SyncError
        {
            Entity = e.Entity,
            Message = e.Message,
            Timestamp = Timestamp.FromDateTimeOffset(e.Timestamp),
        }));
        return proto;
    }

    public static SyncJobProgress ToProgress(this SyncJobSnapshot job) => new()
    {
        Phase = job.Phase.ToProto(),
        CoursePagesFetched = job.CoursePagesFetched,
    };

    public static GetSyncJobResponse ToGetSyncJobResponse(this SyncJobSnapshot job) => new() { Job = job.ToProto(), Progress = job.ToProgress() };

    public static WatchSyncResponse ToWatchSyncResponse(this SyncJobSnapshot job) => new() { Job = job.ToProto(), Progress = job.ToProgress() };

    public static SyncPhase ToProto(this SyncJobPhase phase) => phase switch
    {
        SyncJobPhase.None => SyncPhase.Unspecified,
        SyncJobPhase.FetchingCourses => SyncPhase.FetchingCourses,
        SyncJobPhase.FetchingDetail => SyncPhase.FetchingDetail,
        SyncJobPhase.Rendering => SyncPhase.Rendering,
        SyncJobPhase.Writing => SyncPhase.Writing,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    public static SyncJobPhase ToDomain(this SyncPhase phase) => phase switch
    {
        SyncPhase.FetchingCourses => SyncJobPhase.FetchingCourses,
        SyncPhase.FetchingDetail => SyncJobPhase.FetchingDetail,
        SyncPhase.Rendering => SyncJobPhase.Rendering,
        SyncPhase.Writing => SyncJobPhase.Writing,
        _ => SyncJobPhase.None,
    };

    public static SyncStatus ToProto(this SyncJobStatus status) => status switch
    {
        SyncJobStatus.Running => SyncStatus.Running,
        SyncJobStatus.Success => SyncStatus.Success,
        SyncJobStatus.Failed => SyncStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SyncJobStatus ToDomain(this SyncStatus status) => status switch
    {
        SyncStatus.Running => SyncJobStatus.Running,
        SyncStatus.Success => SyncJobStatus.Success,
        SyncStatus.Failed => SyncJobStatus.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
