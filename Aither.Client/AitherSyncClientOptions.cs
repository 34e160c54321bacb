namespace Aither.Client;

/// <summary>
/// Where the Aither sync service is and how to call it. Bound from the configuration section
/// <see cref="SectionName"/> (<c>AitherSync</c>) or set in code; validated when the client is first resolved.
/// </summary>
public sealed class AitherSyncClientOptions
{
    /// <summary>The configuration section the options are bound from: <c>AitherSync</c>.</summary>
    public const string SectionName = "AitherSync";

    /// <summary>
    /// The address of the service's gRPC endpoint, e.g. <c>http://localhost:5081</c> (cleartext HTTP/2) or
    /// <c>https://aither.example.org</c>. Required.
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>
    /// A static admin token (one of the service's <c>AITHER_ADMIN_TOKEN</c>), sent as
    /// <c>authorization: Bearer &lt;token&gt;</c> on every call. Required unless <see cref="TokenProvider"/> is set.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>
    /// Returns the bearer token for each call, e.g. a short-lived Clerk session token with the admin role.
    /// When set, it is used instead of <see cref="AdminToken"/>. It cannot be bound from configuration.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>The deadline of each call, retries included, unless the call sets its own. Default: 10 seconds.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often <see cref="IAitherSyncClient.WaitForCompletionAsync"/> asks for the status. Default: 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many times a call is attempted in all while the service answers UNAVAILABLE (1 to 5; 1 disables
    /// retries). Default: 4.
    /// </summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// The upper bound of the first retry's randomised backoff; each further retry doubles it, up to 5 seconds.
    /// Default: 0.5 seconds.
    /// </summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);
}
