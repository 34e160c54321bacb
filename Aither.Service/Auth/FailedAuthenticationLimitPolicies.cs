namespace Aither.Service.Auth;

/// <summary>Policy names of <see cref="FailedAuthenticationLimiter"/>.</summary>
public static class FailedAuthenticationLimitPolicies
{
    /// <summary>The sync API, REST and gRPC.</summary>
    public const string Api = "api";

    /// <summary>The room page: its own counters, so a kiosk with a stale token does not lock out API callers behind the same address.</summary>
    public const string Room = "room";
}
