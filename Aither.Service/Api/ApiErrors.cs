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
    public const string UnauthenticatedReason = "UNAUTHENTICATED";
    public const string ForbiddenReason = "FORBIDDEN";
    public const string RateLimitedReason = "RATE_LIMITED";
    public const string StateUnavailableReason = "STATE_UNAVAILABLE";
    public const string SyncJobNotFoundReason = "SYNC_JOB_NOT_FOUND";
    public const string InvalidPageTokenReason = "INVALID_PAGE_TOKEN";
    public const string InvalidArgumentReason = "INVALID_ARGUMENT";
    public const string ShuttingDownReason = "SHUTTING_DOWN";

    public const string UnauthenticatedMessage = "Missing or invalid credentials: send 'Authorization: Bearer <token>'";
    public const string ForbiddenMessage = "The credentials are valid but do not grant the admin role";
    public const string RateLimitedMessage = "Too many failed authentication attempts from this address; retry later";

    /// <summary>Names the running job in the ErrorInfo metadata (<c>jobId</c>) so a caller can follow it.</summary>
    public static RpcException SyncInProgress(string runningJobId) =>
        Create(Code.AlreadyExists, SyncInProgressReason, "A sync operation is already running", ("jobId", runningJobId));

    public static RpcException NoSyncJob() =>
        Create(Code.NotFound, NoSyncJobReason, "No sync operation has been run");

    public static RpcException SyncJobNotFound(string jobId) =>
        Create(Code.NotFound, SyncJobNotFoundReason, $"No sync job '{jobId}' is recorded (it never ran, or it was pruned from the history)", ("jobId", jobId));

    public static RpcException InvalidPageToken() =>
        Create(Code.InvalidArgument, InvalidPageTokenReason, "The page token is not valid (not issued by this service, or its position was pruned from the history); list again without pageToken");

    /// <summary>A bad request field; <paramref name="field"/> names it as the REST query does.</summary>
    public static RpcException InvalidArgument(string field, string message) =>
        Create(Code.InvalidArgument, InvalidArgumentReason, message, ("field", field));

    public static RpcException StateUnavailable() =>
        Create(Code.Unavailable, StateUnavailableReason, "The sync state store is unavailable; try again later");

    /// <summary>A stream this instance ends because it stops; the caller should watch again (another instance can serve it).</summary>
    public static RpcException ShuttingDown() =>
        Create(Code.Unavailable, ShuttingDownReason, "This instance is shutting down; watch the sync again");

    public static RpcException Unauthenticated() =>
        Create(Code.Unauthenticated, UnauthenticatedReason, UnauthenticatedMessage);

    public static RpcException Forbidden() =>
        Create(Code.PermissionDenied, ForbiddenReason, ForbiddenMessage);

    /// <summary>
    /// Failed authentications from one address went over the limit. The wait is in the ErrorInfo metadata
    /// (<c>retryAfterSeconds</c>) and, for gRPC clients that honour it, in a google.rpc.RetryInfo detail.
    /// </summary>
    public static RpcException RateLimited(TimeSpan retryAfter)
    {
        var seconds = RetryAfterSeconds(retryAfter);
        return Create(
            Code.ResourceExhausted,
            RateLimitedReason,
            RateLimitedMessage,
            [("retryAfterSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds)) });
    }

    /// <summary>Whole seconds, rounded up and at least one, as <c>Retry-After</c> wants them.</summary>
    public static long RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));

    private static RpcException Create(Code code, string reason, string message, params (string Key, string Value)[] metadata) =>
        Create(code, reason, message, metadata, extraDetail: null);

    private static RpcException Create(Code code, string reason, string message, (string Key, string Value)[] metadata, Google.Protobuf.IMessage? extraDetail)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        foreach (var (key, value) in metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        if (extraDetail is not null)
        {
            status.Details.Add(Any.Pack(extraDetail));
        }

        return status.ToRpcException();
    }
}
