using Aither.Service.Auth;
using Aither.Service.Sync;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Aither.Service.Room;

public static class RoomExtensions
{
    /// <summary>The room page: its options, the viewer credentials and policy, and the page source that follows every sync.</summary>
    public static IHostApplicationBuilder AddAitherRoom(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<RoomOptions, RoomOptionsValidator>().Bind(builder.Configuration);
        services.AddSingleton<RoomViewerCredentials>();
        services.AddSingleton<RoomPageComposer>();
        services.AddSingleton<RoomPageSource>();
        services.AddSingleton<ISyncObserver>(sp => sp.GetRequiredService<RoomPageSource>());
        // Authentication itself is registered by the auth concern (AddAitherAuth); this only adds the viewer scheme.
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, RoomViewerAuthenticationHandler>(RoomAuth.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RoomAuth.Policy, policy => policy
                .AddAuthenticationSchemes(RoomAuth.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(RoomAuth.ViewerRole, AuthPolicies.AdminRole));
        services.AddHostedService<RoomConfigurationReporter>();
        return builder;
    }

    /// <summary>
    /// <c>GET</c>/<c>HEAD /room</c> (failed authentications limited per client address like the API's) and
    /// <c>GET /</c> redirecting there; nothing at all while no viewer token is configured. Needs the middleware of
    /// <c>MapAitherApi</c> (failed-authentication gate, authentication, authorization) before it.
    /// </summary>
    public static WebApplication MapAitherRoom(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RoomOptions options;
        try
        {
            options = app.Services.GetRequiredService<IOptions<RoomOptions>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            // An invalid setting: the start-up validation reports it in one line and stops before anything is served.
            return app;
        }

        if (!options.Enabled)
        {
            return app;
        }

        app.MapMethods(RoomEndpoint.Path, [HttpMethods.Get, HttpMethods.Head], RoomEndpoint.Get)
            .RequireAuthorization(RoomAuth.Policy)
            .LimitFailedAuthentication(FailedAuthenticationLimitPolicies.Room)
            .ExcludeFromDescription();
        app.MapGet("/", () => TypedResults.Redirect(RoomEndpoint.Path))
            .ExcludeFromDescription();
        return app;
    }
}
