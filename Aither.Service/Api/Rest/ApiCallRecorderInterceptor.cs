using Aither.Service.Monitoring;
using Google.Protobuf;
using Grpc.Core;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Records each transcoded call's response or exception; native gRPC calls pass through untouched, except that
/// their unhandled exceptions are reported (the envelope middleware reports those of transcoded calls).
/// </summary>
internal sealed class ApiCallRecorderInterceptor(IErrorReporter errors, TimeProvider time) : Grpc.Core.Interceptors.Interceptor
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
            if (feature is not null && response is IMessage message)
            {
                feature.Succeeded(message);
                // The envelope middleware answers from the recorded message and discards what transcoding writes, so
                // transcoding is handed an empty one: serializing the real message again was a sixth of a status read.
                return (TResponse)message.Descriptor.Parser.ParseFrom(ByteString.Empty);
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

    /// <summary>
    /// A transcoded stream's events are written here as REST envelopes, one JSON line each (see
    /// <see cref="RestEventWriter{TResponse}"/>), rather than as transcoding's bare messages.
    /// </summary>
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var http = context.GetHttpContext();
        var feature = http.Features.Get<ApiCallFeature>();
        try
        {
            var writer = feature?.EventBody is null ? responseStream : new RestEventWriter<TResponse>(http, feature, time);
            await continuation(request, writer, context);
        }
        catch (RpcException ex)
        {
            feature?.Failed(ex);
            // Once events went out, the envelope middleware ends the stream with an error line; transcoding would try
            // to set the status of a started response instead.
            if (feature?.EventsStarted != true)
            {
                throw;
            }
        }
        catch (Exception ex)
        {
            if (feature is null)
            {
                errors.ReportException(ex, ErrorContext.ForRequest(http));
            }

            feature?.FailedUnexpectedly(ex);
            if (feature?.EventsStarted != true)
            {
                throw;
            }
        }
    }
}
