using Aither.Service.Api;
using Aither.Service.Api.Rest;
using Grpc.Core;
using Microsoft.Net.Http.Headers;

namespace Aither.Service.Auth;

/// <summary>
/// Writes a refused call's answer in the caller's protocol: a real gRPC status with ErrorInfo for native gRPC,
/// the envelope for REST under <c>/api</c> (through <see cref="ApiEnvelopeMiddleware"/>), a bare status elsewhere.
/// </summary>
internal static class AuthRefusal
{
    /// <summary>429 with <c>Retry-After</c> / RESOURCE_EXHAUSTED with ErrorInfo <c>RATE_LIMITED</c> and RetryInfo.</summary>
    public static Task RateLimitedAsync(HttpContext context, TimeSpan retryAfter)
    {
        var error = ApiErrors.RateLimited(retryAfter);
        if (GrpcStatusResponse.IsNativeGrpcCall(context))
        {
            return GrpcStatusResponse.WriteAsync(context, error);
        }

        context.Response.Headers[HeaderNames.RetryAfter] = ApiErrors.RetryAfterSeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return FailAsync(context, error);
    }

    /// <summary>For native gRPC only: UNAUTHENTICATED or PERMISSION_DENIED as a gRPC status instead of a bare 401/403.</summary>
    public static Task GrpcRefusedAsync(HttpContext context, bool forbidden) =>
        GrpcStatusResponse.WriteAsync(context, forbidden ? ApiErrors.Forbidden() : ApiErrors.Unauthenticated());

    private static Task FailAsync(HttpContext context, RpcException error)
    {
        if (context.Features.Get<ApiCallFeature>() is { } apiCall)
        {
            apiCall.Failed(error);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = ApiError.FromRpc(error).StatusCode;
        return Task.CompletedTask;
    }
}
