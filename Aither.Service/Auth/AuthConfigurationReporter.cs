using Microsoft.Extensions.Options;

namespace Aither.Service.Auth;

/// <summary>Says at start-up which credentials are accepted, and loudly when none are.</summary>
internal sealed partial class AuthConfigurationReporter(IOptions<AuthOptions> options, ILogger<AuthConfigurationReporter> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (auth.AdminTokenList.Count == 0 && !auth.ClerkEnabled)
        {
            Log.NoCredentials(logger);
        }
        else
        {
            Log.Credentials(logger, auth.AdminTokenList.Count,
                auth.ClerkEnabled ? $"on (issuer {auth.ClerkIssuer})" : "off (CLERK_ISSUER not set)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 401, EventName = "AuthConfigurationReporter.NoCredentials", Level = LogLevel.Warning,
            Message = "No credentials are configured, so every API call is refused with 401. Set AITHER_ADMIN_TOKEN (comma-separated for rotation) and/or CLERK_ISSUER.")]
        public static partial void NoCredentials(ILogger logger);

        [LoggerMessage(EventId = 402, EventName = "AuthConfigurationReporter.Credentials", Level = LogLevel.Information, Message = "API access: {AdminTokenCount} admin token(s); Clerk session tokens: {Clerk}")]
        public static partial void Credentials(ILogger logger, int adminTokenCount, string clerk);
    }
}
