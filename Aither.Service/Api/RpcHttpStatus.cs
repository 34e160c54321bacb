using Grpc.Core;

namespace Aither.Service.Api;

/// <summary>
/// The one gRPC status → HTTP table. It is JSON transcoding's own (google.rpc.Code's documented HTTP mapping,
/// except Cancelled, which transcoding answers with 408), so the REST envelope and a transcoded call without it
/// agree; a test holds it to transcoding's table. The code is what the envelope shows when the error carries no
/// ErrorInfo reason.
/// </summary>
public static class RpcHttpStatus
{
    public static readonly IReadOnlyList<(StatusCode Rpc, int Http, string Code)> Table =
    [
        (StatusCode.Cancelled, 408, "CANCELLED"),
        (StatusCode.Unknown, 500, "INTERNAL_ERROR"),
        (StatusCode.InvalidArgument, 400, "INVALID_ARGUMENT"),
        (StatusCode.DeadlineExceeded, 504, "DEADLINE_EXCEEDED"),
        (StatusCode.NotFound, 404, "NOT_FOUND"),
        (StatusCode.AlreadyExists, 409, "CONFLICT"),
        (StatusCode.PermissionDenied, 403, "FORBIDDEN"),
        (StatusCode.ResourceExhausted, 429, "RESOURCE_EXHAUSTED"),
        (StatusCode.FailedPrecondition, 400, "INVALID_ARGUMENT"),
        (StatusCode.Aborted, 409, "CONFLICT"),
        (StatusCode.OutOfRange, 400, "INVALID_ARGUMENT"),
        (StatusCode.Unimplemented, 501, "NOT_IMPLEMENTED"),
        (StatusCode.Internal, 500, "INTERNAL_ERROR"),
        (StatusCode.Unavailable, 503, "UNAVAILABLE"),
        (StatusCode.DataLoss, 500, "INTERNAL_ERROR"),
        (StatusCode.Unauthenticated, 401, "UNAUTHENTICATED"),
    ];

    /// <summary>The HTTP status and default code for an error status; unknown values are 500.</summary>
    public static (int Http, string Code) For(StatusCode status)
    {
        foreach (var (rpc, http, code) in Table)
        {
            if (rpc == status)
            {
                return (http, code);
            }
        }

        return (500, "INTERNAL_ERROR");
    }

    /// <summary>The code for an HTTP status that no RPC produced (auth, routing), when the table has one.</summary>
    public static string? CodeFor(int httpStatus)
    {
        foreach (var (_, http, code) in Table)
        {
            if (http == httpStatus)
            {
                return code;
            }
        }

        return null;
    }
}
