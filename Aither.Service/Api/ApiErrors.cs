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

    /// <summary>Names the running job in the ErrorInfo metadata (<c>jobId</c>) so a caller can follow it.</summary>
    public static RpcException SyncInProgress(string runningJobId) =>
        Create(Code.AlreadyExists, SyncInProgressReason, "A sync operation is already running", ("jobId", runningJobId));

    public static RpcException NoSyncJob() =>
        Create(Code.NotFound, NoSyncJobReason, "No sync operation has been run");

    private static RpcException Create(Code code, string reason, string message, params (string Key, string Value)[] metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } }.ToRpcException();
    }
}
