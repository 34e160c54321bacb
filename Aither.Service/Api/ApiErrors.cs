using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Aither.Service.Api;

/// <summary>
/// The RpcExceptions the API throws on purpose, each with a google.rpc.ErrorInfo detail whose reason is the
/// stable machine-readable code that the REST envelope also shows.
/// </summary>
public static class ApiErrors
{
    public const string Domain = "aither";
    public const string SyncInProgressReason = "SYNC_IN_PROGRESS";
    public const string NoSyncJobReason = "NO_SYNC_JOB";

    public static RpcException SyncInProgress() =>
        Create(Code.AlreadyExists, SyncInProgressReason, "A sync operation is already running");

    public static RpcException NoSyncJob() =>
        Create(Code.NotFound, NoSyncJobReason, "No sync operation has been run");

    private static RpcException Create(Code code, string reason, string message) =>
        new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }) },
        }.ToRpcException();
}
