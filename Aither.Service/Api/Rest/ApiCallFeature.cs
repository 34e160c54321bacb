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

    public void Succeeded(IMessage response) => Response = response;

    public void Failed(RpcException error) => RpcError = error;

    public void FailedUnexpectedly(Exception error) => UnexpectedError = error;
}
