namespace Aither.Service.Auth;

/// <summary>
/// Refuses calls from an address that used up its failed authentications, before its credentials are checked
/// (see <see cref="FailedAuthenticationLimiter"/> for why). Runs after routing, so it sees the endpoint's policy.
/// </summary>
internal sealed class FailedAuthenticationGateMiddleware(RequestDelegate next, FailedAuthenticationLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<FailedAuthenticationLimitMetadata>() is { } limit
            && limiter.IsLimited(limit.Policy, context.Connection.RemoteIpAddress, out var retryAfter))
        {
            return AuthRefusal.RateLimitedAsync(context, retryAfter);
        }

        return next(context);
    }
}
