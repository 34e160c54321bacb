namespace Aither.Service.State;

/// <summary>What identifies a stored page without its bytes: a cheap question to ask the store on every refresh.</summary>
public sealed record StoredPageVersion(string JobId, string? Sha256);
