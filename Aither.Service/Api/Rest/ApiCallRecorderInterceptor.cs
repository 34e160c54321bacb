using Aither.Service.Monitoring;
using Google.Protobuf;
using Grpc.Core;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Records each transcoded call's response or exception; native gRPC calls pass through untouched, except that
/// their unhandled exceptions are reported (the envelope middleware reports those of transcoded calls).
/// </summary>
internal sealed class ApiCallRecorderInterceptor(IErrorReporter errors) : Grpc.Core.Interceptors.Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var feature = context.GetHttpContext().Features.Get<ApiCallFeature>();
        try
        {
            var response = await continuation(request, context);
            if (response is IMessage message)
            {
                feature?.Succeeded(message);
            }

            return response;
        }
        catch (RpcException ex)
        {
            feature?.Failed(ex);
            throw;
        }
        catch (Exception ex)
        {
            if (feature is null)
            {
                errors.ReportException(ex, ErrorContext.ForRequest(context.GetHttpContext()));
            }

            feature?.FailedUnexpectedly(ex);
            throw;
        }
    }
}
