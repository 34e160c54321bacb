using Aither.Service.Monitoring;
using Google.Protobuf;
using Grpc.Core;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Carries the outcome of a transcoded gRPC call from <see cref="ApiCallRecorderInterceptor"/> to
/// <see cref="ApiEnvelopeMiddleware"/>, which turns it into the REST envelope.
/// </summary>
internal sealed class ApiCallFeature
{
    public IMessage? Response { get; private set; }
    public RpcException? RpcError { get; private set; }
    public Exception? UnexpectedError { get; private set; }

    /// <summary>
    /// Where a server-streaming call's events go: the real response body, past the envelope's buffer, so each event
    /// reaches the caller as it happens.
    /// </summary>
    public Stream? EventBody { get; init; }

    /// <summary>True once the first event was written: the status is sent, a later error becomes the stream's last line.</summary>
    public bool EventsStarted { get; private set; }

    public void StartEvents() => EventsStarted = true;

    public void Succeeded(IMessage response) => Response = response;

    public void Failed(RpcException error) => RpcError = error;

    public void FailedUnexpectedly(Exception error) => UnexpectedError = error;
}
