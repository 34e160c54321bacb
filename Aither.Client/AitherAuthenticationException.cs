using Grpc.Core;

namespace Aither.Client;

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
