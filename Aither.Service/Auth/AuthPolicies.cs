namespace Aither.Service.Auth;

public static class AuthPolicies
{
    /// <summary>Admin: a static admin token, or a Clerk session token whose role is admin.</summary>
    public const string Admin = "AitherAdmin";

    public const string AdminRole = "admin";

    /// <summary>Admin, or a scheduler presenting CRON_SECRET: may trigger <c>GET /api/cron/sync</c>.</summary>
    public const string CronTrigger = "AitherCronTrigger";

    public const string CronRole = "cron";

    /// <summary>
    /// The default scheme: the admin-token handler, which hands a request carrying a JWT to the Clerk handler when
    /// Clerk is configured (its <c>ForwardDefaultSelector</c>) and checks every other bearer token itself.
    /// </summary>
    public const string Scheme = AdminTokenScheme;

    public const string AdminTokenScheme = "AdminToken";

    public const string ClerkScheme = "Clerk";
}
