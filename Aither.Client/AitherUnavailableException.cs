using Grpc.Core;

namespace Aither.Client;

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
