using Aither.Service.Auth;
using Aither.Service.State;
using Aither.Service.Sync;
using Aither.Sync.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Aither.Service.Api;

/// <summary>Translates SyncService calls to the coordinator and back; no I/O, no locks, no timers here.</summary>
public sealed class SyncGrpcService(SyncCoordinator coordinator) : SyncService.SyncServiceBase
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
