using Aither.Service.Api;
using Aither.Service.Monitoring;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Aither.Service.Auth;

/// <summary>
/// What happens to a refused call: a failed authentication counts against the endpoint's limit (and over the
/// limit the answer is 429 instead of 401), the refusal is reported, and native gRPC gets a real gRPC status
/// with ErrorInfo. REST keeps the default 401/403, which the envelope middleware words.
/// </summary>
internal sealed class AuthorizationResultHandler(FailedAuthenticationLimiter limiter, AuthFailureReporter reporter)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged
            && context.GetEndpoint()?.Metadata.GetMetadata<FailedAuthenticationLimitMetadata>() is { } limit
            && limiter.RecordFailure(limit.Policy, context.Connection.RemoteIpAddress, out var retryAfter))
        {
            await AuthRefusal.RateLimitedAsync(context, retryAfter);
            return;
        }

        await reporter.ReportAsync(context, authorizeResult);
        if (GrpcStatusResponse.IsNativeGrpcCall(context))
        {
            await AuthRefusal.GrpcRefusedAsync(context, forbidden: !authorizeResult.Challenged);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
