using Aither.Service.Monitoring;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

public static class AuthExtensions
{
    internal const string JwksHttpClient = "clerk-jwks";
    private const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>
    /// One mechanism for REST and gRPC: static admin tokens and Clerk session tokens behind the admin policy.
    /// With no credentials configured every call is refused (never open by default). Refused calls are reported,
    /// and failed authentications are limited per client address on endpoints marked with <c>LimitFailedAuthentication()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAitherAuth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<AuthOptions, AuthOptionsValidator>().Bind(builder.Configuration);
        services.AddHttpClient(JwksHttpClient);

        // One handler per request for the common case: the admin-token scheme is the default and forwards only
        // JWT-shaped tokens to Clerk (a policy scheme in front would create a second handler for every request).
        services.AddAuthentication(AuthPolicies.Scheme)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AuthPolicies.AdminTokenScheme, o =>
            {
                o.ForwardDefaultSelector = context =>
                {
                    var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
                    return auth.ClerkEnabled && BearerToken.From(context.Request) is { } token && BearerToken.LooksLikeJwt(token)
                        ? AuthPolicies.ClerkScheme
                        : null;
                };
            })
            .AddJwtBearer(AuthPolicies.ClerkScheme, _ => { });
        // AddAuthentication brings ASP.NET Core Data Protection, whose hosted service loads (and on a first start
        // creates and writes) a key ring at start-up. Nothing here protects data with it (bearer tokens only, no
        // cookies), so the ring is never needed: without the service, start-up reads no key files and a service
        // without a home directory logs no key-storage warnings.
        foreach (var keyRingLoader in services.Where(d => d.ServiceType == typeof(IHostedService)
                     && d.ImplementationType?.FullName == DataProtectionHostedService).ToList())
        {
            services.Remove(keyRingLoader);
        }

        services.AddOptions<JwtBearerOptions>(AuthPolicies.ClerkScheme)
            .Configure<IOptions<AuthOptions>, IHttpClientFactory>((jwt, auth, http) =>
                ClerkTokens.Configure(jwt, auth.Value, http.CreateClient(JwksHttpClient)));

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(AuthPolicies.AdminRole))
            .AddPolicy(AuthPolicies.CronTrigger, policy => policy.RequireAuthenticatedUser().RequireRole(AuthPolicies.AdminRole, AuthPolicies.CronRole));
        // Replace, not Add: AddAuthorization registers the default handler with TryAdd, in whatever order it runs.
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, AuthorizationResultHandler>());
        services.AddSingleton<AdminCredentials>();
        services.AddSingleton<AuthFailureReporter>();
        services.AddOptionsWithValidateOnStart<FailedAuthenticationLimitOptions, FailedAuthenticationLimitOptionsValidator>().Bind(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddHostedService<AuthConfigurationReporter>();
        return builder;
    }
}
