namespace Aither.Service.Auth;

public static class FailedAuthenticationLimitEndpointExtensions
{
    /// <summary>
    /// Counts this endpoint's failed authentications per client address under <paramref name="policy"/>; an
    /// address over the limit gets 429 until the window ends (see <see cref="FailedAuthenticationLimiter"/>).
    /// Needs <c>UseFailedAuthenticationLimit()</c> before <c>UseAuthentication()</c>.
    /// </summary>
    public static TBuilder LimitFailedAuthentication<TBuilder>(this TBuilder builder, string policy = FailedAuthenticationLimitPolicies.Api)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new FailedAuthenticationLimitMetadata(policy));

    /// <summary>Refuses addresses over their limit on marked endpoints; place after routing, before <c>UseAuthentication()</c>.</summary>
    public static IApplicationBuilder UseFailedAuthenticationLimit(this IApplicationBuilder app) =>
        app.UseMiddleware<FailedAuthenticationGateMiddleware>();
}
