using Grpc.Core;

namespace Aither.Client;

/// <summary>
/// A call to the Aither sync service failed. Carries the gRPC status code and, when the service sent one, the
/// reason of its <c>google.rpc.ErrorInfo</c> (domain <c>aither</c>).
/// </summary>
public class AitherClientException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, for the caller's logs.</param>
    /// <param name="statusCode">The gRPC status code of the failed call.</param>
    /// <param name="reason">The ErrorInfo reason the service sent, if any.</param>
    /// <param name="innerException">The underlying <see cref="RpcException"/>, if any.</param>
    public AitherClientException(string message, StatusCode statusCode, string? reason = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The gRPC status code of the failed call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The machine-readable reason of the service's <c>google.rpc.ErrorInfo</c>, e.g. <c>NO_SYNC_JOB</c>; null when it sent none.</summary>
    public string? Reason { get; }
}
