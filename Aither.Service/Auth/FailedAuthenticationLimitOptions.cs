namespace Aither.Service.Auth;

/// <summary>How many failed authentications one client address may have per window. Bound from the environment variables named on each property.</summary>
public sealed class FailedAuthenticationLimitOptions
{
    /// <summary>Failed authentications per address and window; after that every call from the address gets 429 until the window ends.</summary>
    [ConfigurationKeyName("AUTH_FAILURE_LIMIT")]
    public int PermitLimit { get; set; } = 20;

    /// <summary>Length of the fixed window in seconds.</summary>
    [ConfigurationKeyName("AUTH_FAILURE_WINDOW_SECONDS")]
    public int WindowSeconds { get; set; } = 60;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
