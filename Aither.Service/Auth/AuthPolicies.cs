namespace Aither.Service.Auth;

public static class AuthPolicies
{
    /// <summary>Admin: a static admin token, or a Clerk session token whose role is admin.</summary>
    public const string Admin = "AitherAdmin";

    public const string AdminRole = "admin";

    /// <summary>Picks the admin-token or the Clerk handler per request.</summary>
    public const string Scheme = "Aither";

    public const string AdminTokenScheme = "AdminToken";

    public const string ClerkScheme = "Clerk";
}
