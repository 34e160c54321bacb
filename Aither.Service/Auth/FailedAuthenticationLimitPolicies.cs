namespace Aither.Service.Auth;

/// <summary>Policy names of <see cref="FailedAuthenticationLimiter"/>.</summary>
public static class FailedAuthenticationLimitPolicies
{
    /// <summary>The sync API, REST and gRPC.</summary>
    public const string Api = "api";
}
