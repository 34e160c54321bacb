namespace Aither.Service.Auth;

/// <summary>An address went over its failed-authentication limit.</summary>
public sealed record FailedAuthenticationBurst(string Policy, string ClientAddress, int PermitLimit, TimeSpan Window, DateTimeOffset WindowEnd);
