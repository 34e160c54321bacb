using Grpc.Core;

namespace Aither.Client;

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
