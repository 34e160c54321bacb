namespace Aither.Service.Auth;

public static class AuthPolicies
{
    /// <summary>Admin: a static admin token, or a Clerk session token whose role is admin.</summary>
    public const string Admin = "AitherAdmin";

    public const string AdminRole = "admin";

    /// <summary>Admin, or a scheduler presenting CRON_SECRET: may trigger <c>GET /api/cron/sync</c>.</summary>
    public const string CronTrigger = "AitherCronTrigger";

    public const string CronRole = "cron";

    /// <summary>Picks the admin-token or the Clerk handler per request.</summary>
    public const string Scheme = "Aither";

    public const string AdminTokenScheme = "AdminToken";

    public const string ClerkScheme = "Clerk";
}
