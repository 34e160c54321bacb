using Aither.Service.Auth;
using Aither.Service.State;
using Aither.Service.Sync;
using Aither.Sync.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Aither.Service.Api;

/// <summary>Translates SyncService calls to the coordinator and back; no I/O, no locks, no timers here.</summary>
public sealed class SyncGrpcService(SyncCoordinator coordinator, SyncJobWatcher watcher, IHostApplicationLifetime lifetime) : SyncService.SyncServiceBase
{
    [Authorize(Policy = AuthPolicies.Admin)]
    public override async Task<StartSyncResponse> StartSync(StartSyncRequest request, ServerCallContext context)
    {
        var result = await Guard(coordinator.TryStartAsync(request.Force));
        if (!result.Started)
        {
            throw ApiErrors.SyncInProgress(result.Job.JobId);
        }

        return result.Job.ToStartSyncResponse();
    }

    [Authorize(Policy = AuthPolicies.Admin)]
    public override async Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var latest = coordinator.GetLatestAsync(context.CancellationToken);
        var job = (latest.IsCompletedSuccessfully ? latest.Result : await Guard(latest.AsTask())) ?? throw ApiErrors.NoSyncJob();
        return new GetStatusResponse { Job = job.ToProto() };
    }

    [Authorize(Policy = AuthPolicies.CronTrigger)]
    public override async Task<TriggerCronSyncResponse> TriggerCronSync(TriggerCronSyncRequest request, ServerCallContext context)
    {
        var result = await Guard(coordinator.TryStartAsync(force: false));
        return result.ToTriggerCronSyncResponse();
    }

    [Authorize(Policy = AuthPolicies.Admin)]
    public override async Task<ListSyncJobsResponse> ListSyncJobs(ListSyncJobsRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw ApiErrors.InvalidArgument("pageSize", $"pageSize must not be negative, got {request.PageSize}");
        }

        var pageSize = request.PageSize == 0 ? SyncJobPageToken.DefaultPageSize : Math.Min(request.PageSize, SyncJobPageToken.MaxPageSize);
        string? after = null;
        if (request.PageToken.Length > 0 && !SyncJobPageToken.TryDecode(request.PageToken, out after))
        {
            throw ApiErrors.InvalidPageToken();
        }

        // One more than asked: it tells whether a next page exists without a second query.
        var jobs = await Guard(coordinator.ListJobsAsync(after, pageSize + 1, context.CancellationToken)) ?? throw ApiErrors.InvalidPageToken();
        var response = new ListSyncJobsResponse();
        response.Jobs.AddRange(jobs.Take(pageSize).Select(job => job.ToProto()));
        if (jobs.Count > pageSize)
        {
            response.NextPageToken = SyncJobPageToken.Encode(jobs[pageSize - 1].JobId);
        }

        return response;
    }

    [Authorize(Policy = AuthPolicies.Admin)]
    public override async Task<GetSyncJobResponse> GetSyncJob(GetSyncJobRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.JobId))
        {
            throw ApiErrors.InvalidArgument("jobId", "jobId must not be empty");
        }

        var job = await Guard(coordinator.GetJobAsync(request.JobId, context.CancellationToken)) ?? throw ApiErrors.SyncJobNotFound(request.JobId);
        return job.ToGetSyncJobResponse();
    }

    [Authorize(Policy = AuthPolicies.Admin)]
    public override async Task WatchSync(WatchSyncRequest request, IServerStreamWriter<WatchSyncResponse> responseStream, ServerCallContext context)
    {
        // Shutdown ends the stream with a status instead of holding the host until its shutdown timeout.
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var events = await Guard(watcher.WatchAsync(request.JobId, watch.Token))
            ?? throw (request.JobId.Length == 0 ? ApiErrors.NoSyncJob() : ApiErrors.SyncJobNotFound(request.JobId));
        try
        {
            await foreach (var job in events.WithCancellation(watch.Token))
            {
                // Without a token: transcoding aborts the HTTP response on a cancelled write, and the shutdown status must still go out.
                await responseStream.WriteAsync(job.ToWatchSyncResponse());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException
            && context.CancellationToken.IsCancellationRequested)
        {
            // The caller went away, also in the middle of a write ("the request is complete"): nobody is left to tell.
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw ApiErrors.ShuttingDown();
        }
        catch (StateStoreException)
        {
            throw ApiErrors.StateUnavailable();
        }
    }

    /// <summary>An unreachable state store is UNAVAILABLE (503), worth retrying, not an internal error.</summary>
    private static async Task<T> Guard<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (StateStoreException)
        {
            throw ApiErrors.StateUnavailable();
        }
    }
}
