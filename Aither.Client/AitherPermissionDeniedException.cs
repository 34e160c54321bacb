using Grpc.Core;

namespace Aither.Client;

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
