namespace Aither.Service.Auth;

/// <summary>Endpoint metadata: failed authentications on this endpoint count against <see cref="Policy"/>.</summary>
public sealed record FailedAuthenticationLimitMetadata(string Policy);
