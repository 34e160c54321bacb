using Grpc.Core;
using Aither.Service.Monitoring;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Makes every response under <c>/api/</c> the contract's envelope, whoever produced it: a transcoded RPC,
/// the auth layer (401/403), routing (404/405) or an exception (500). The inner response is buffered so its
/// status can still be changed: transcoding writes 200 for a started sync, the contract says 202.
/// Native gRPC calls (never under <c>/api</c>) pass through untouched, so their HTTP status and trailers stay as gRPC wants them.
/// </summary>
internal sealed partial class ApiEnvelopeMiddleware(RequestDelegate next, TimeProvider time, IErrorReporter errors, ILogger<ApiEnvelopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsRestApiRequest(context.Request))
        {
            await next(context);
            return;
        }

        var responseBody = context.Response.Body;
        var feature = new ApiCallFeature { EventBody = responseBody };
        context.Features.Set(feature);
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            Log.UnhandledException(logger, context.Request.Method, context.Request.Path, ex);
            feature.FailedUnexpectedly(ex);
        }
        finally
        {
            context.Response.Body = responseBody;
        }

        if (feature.UnexpectedError is { } unexpected)
        {
            errors.ReportException(unexpected, ErrorContext.ForRequest(context));
        }

        if (feature.EventsStarted)
        {
            await EndEventStreamAsync(context, feature, responseBody);
            return;
        }

        if (!context.Response.HasStarted)
        {
            await WriteEnvelopeAsync(context, feature, buffer, responseBody);
        }
    }

    /// <summary>The envelope for whatever the inner pipeline left in <paramref name="feature"/> and <paramref name="buffer"/>.</summary>
    private async Task WriteEnvelopeAsync(HttpContext context, ApiCallFeature feature, MemoryStream buffer, Stream responseBody)
    {
        var now = time.GetUtcNow();
        if (feature.UnexpectedError is not null)
        {
            await RestContract.WriteErrorAsync(context, ApiError.Internal, now);
        }
        else if (feature.Response is { } response && context.Response.StatusCode == StatusCodes.Status200OK)
        {
            var (statusCode, data) = RestContract.ToSuccess(response);
            await RestContract.WriteSuccessAsync(context, statusCode, data, now);
        }
        else if (feature.RpcError is { } rpcError)
        {
            await WriteRpcErrorAsync(context, rpcError, now);
        }
        else if (context.Response.StatusCode < 400)
        {
            // Not an RPC outcome (no endpoint under /api produces one today): pass it on unchanged.
            buffer.Position = 0;
            await buffer.CopyToAsync(responseBody, context.RequestAborted);
        }
        else
        {
            if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
            {
                errors.ReportError("http.500", ErrorContext.ForRequest(context));
            }

            await RestContract.WriteErrorAsync(context, ApiError.FromStatusCode(context.Response.StatusCode, buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), now);
        }
    }

    private async Task WriteRpcErrorAsync(HttpContext context, RpcException rpcError, DateTimeOffset now)
    {
        var error = ApiError.FromRpc(rpcError);
        if (error.Code == ApiErrors.SyncInProgressReason
            && rpcError.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata.GetValueOrDefault("jobId") is { Length: > 0 } runningJobId)
        {
            // The 409 body is the seed's contract and stays as it is; the running job is named where a caller can follow it.
            context.Response.Headers.Location = $"/api/sync/jobs/{Uri.EscapeDataString(runningJobId)}";
        }

        if (error.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            errors.ReportException(rpcError, ErrorContext.ForRequest(context));
        }

        await RestContract.WriteErrorAsync(context, error, now);
    }

    /// <summary>
    /// A stream whose status went out with its first event: an error that ended it later becomes its last line,
    /// an error envelope like any other (the caller told apart by <c>success: false</c>).
    /// </summary>
    private async Task EndEventStreamAsync(HttpContext context, ApiCallFeature feature, Stream responseBody)
    {
        ApiError? error = feature.UnexpectedError is not null ? ApiError.Internal
            : feature.RpcError is { } rpcError ? ApiError.FromRpc(rpcError)
            : null;
        if (error is null || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // A stream ended by shutdown is expected; other server errors are reported like any other answer's.
        if (feature.RpcError is { } reported && error.StatusCode >= StatusCodes.Status500InternalServerError && error.Code != ApiErrors.ShuttingDownReason)
        {
            errors.ReportException(reported, ErrorContext.ForRequest(context));
        }

        await RestContract.WriteErrorLineAsync(context, responseBody, error, time.GetUtcNow());
    }

    /// <summary>
    /// Every path under <c>/api</c> is REST, whatever its content type: native gRPC methods live at
    /// <c>/&lt;package&gt;.&lt;Service&gt;/&lt;Method&gt;</c>, so a request here with <c>application/grpc</c> is still a
    /// transcoded call (or no call at all) and gets the envelope.
    /// </summary>
    internal static bool IsRestApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(EventId = 301, EventName = "ApiEnvelopeMiddleware.UnhandledException", Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
        public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);
    }
}
