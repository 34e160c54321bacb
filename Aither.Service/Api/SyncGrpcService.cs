using Aither.Service.Auth;
using Aither.Service.Sync;
using Aither.Sync.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Aither.Service.Api;

/// <summary>Translates SyncService calls to the coordinator and back; no I/O, no locks, no timers here.</summary>
public sealed class SyncGrpcService(SyncCoordinator coordinator) : SyncService.SyncServiceBase
{
    [Authorize(Policy = AuthPolicies.Admin)]
    public override Task<StartSyncResponse> StartSync(StartSyncRequest request, ServerCallContext context)
    {
        var result = coordinator.TryStart(request.Force);
        if (!result.Started)
        {
            throw ApiErrors.SyncInProgress(result.Job.JobId);
        }

        return Task.FromResult(result.Job.ToStartSyncResponse());
    }

    [Authorize(Policy = AuthPolicies.Admin)]
    public override Task<GetStatusResponse> GetStatus(GetStatusRequest request, ServerCallContext context)
    {
        var job = coordinator.Latest ?? throw ApiErrors.NoSyncJob();
        return Task.FromResult(new GetStatusResponse { Job = job.ToProto() });
    }

    [Authorize(Policy = AuthPolicies.CronTrigger)]
    public override Task<TriggerCronSyncResponse> TriggerCronSync(TriggerCronSyncRequest request, ServerCallContext context)
    {
        var result = coordinator.TryStart(force: false);
        return Task.FromResult(result.ToTriggerCronSyncResponse());
    }
}
