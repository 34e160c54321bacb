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

/// <summary>The service did not accept the bearer token (UNAUTHENTICATED): it is missing, wrong or expired.</summary>
public sealed class AitherAuthenticationException : AitherClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="reason">The ErrorInfo reason the service sent, if any.</param>
    /// <param name="innerException">The underlying <see cref="RpcException"/>.</param>
    public AitherAuthenticationException(string message, string? reason = null, Exception? innerException = null)
        : base(message, StatusCode.Unauthenticated, reason, innerException)
    {
    }
}

/// <summary>The token is valid but lacks the admin role (PERMISSION_DENIED).</summary>
public sealed class AitherPermissionDeniedException : AitherClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="reason">The ErrorInfo reason the service sent, if any.</param>
    /// <param name="innerException">The underlying <see cref="RpcException"/>.</param>
    public AitherPermissionDeniedException(string message, string? reason = null, Exception? innerException = null)
        : base(message, StatusCode.PermissionDenied, reason, innerException)
    {
    }
}

/// <summary>The service could not be reached (UNAVAILABLE), also after the configured retries.</summary>
public sealed class AitherUnavailableException : AitherClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; names the address.</param>
    /// <param name="address">The address that was called.</param>
    /// <param name="innerException">The underlying <see cref="RpcException"/>.</param>
    public AitherUnavailableException(string message, Uri address, Exception? innerException = null)
        : base(message, StatusCode.Unavailable, null, innerException)
    {
        Address = address;
    }

    /// <summary>The address that was called.</summary>
    public Uri Address { get; }
}

/// <summary>A call did not finish within its deadline (DEADLINE_EXCEEDED), see <see cref="AitherSyncClientOptions.CallTimeout"/>.</summary>
public sealed class AitherTimeoutException : AitherClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="timeout">The deadline the call had.</param>
    /// <param name="innerException">The underlying <see cref="RpcException"/>.</param>
    public AitherTimeoutException(string message, TimeSpan timeout, Exception? innerException = null)
        : base(message, StatusCode.DeadlineExceeded, null, innerException)
    {
        Timeout = timeout;
    }

    /// <summary>The deadline the call had.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// <see cref="IAitherSyncClient.WaitForCompletionAsync"/> can no longer follow a sync: the service now reports a
/// different, newer sync (or, after a restart, none), and keeps no record of the awaited one. Its outcome is
/// unknown. Carries <see cref="StatusCode.NotFound"/>: the awaited job is no longer found.
/// </summary>
public sealed class AitherJobReplacedException : AitherClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jobId">The id of the sync that was awaited.</param>
    /// <param name="currentJob">The sync the service reports now; null when it reports none.</param>
    public AitherJobReplacedException(string jobId, AitherSyncJob? currentJob)
        : base(
            currentJob is null
                ? $"Sync {jobId} can no longer be followed: the service reports no sync at all (it may have restarted)."
                : $"Sync {jobId} can no longer be followed: the service now reports another sync, {currentJob.JobId} ({currentJob.Status}), and keeps only its latest one.",
            StatusCode.NotFound)
    {
        JobId = jobId;
        CurrentJob = currentJob;
    }

    /// <summary>The id of the sync that was awaited.</summary>
    public string JobId { get; }

    /// <summary>The sync the service reports now; null when it reports none.</summary>
    public AitherSyncJob? CurrentJob { get; }
}
