namespace Aither.Tests.Infrastructure;

/// <summary>
/// A class fixture: one <see cref="ClerkStandIn"/> (its RSA key and its JWKS server) for every test of a class,
/// instead of a key made and a server started per test. The stand-in only signs tokens and serves its public key;
/// each test still starts a service of its own, which fetches the key again. The one thing tests share is the JWKS
/// request count, so a test compares it with its value before.
/// </summary>
public sealed class ClerkFixture : IAsyncLifetime
{
    public ClerkStandIn Clerk { get; private set; } = null!;

    public async Task InitializeAsync() => Clerk = await ClerkStandIn.StartAsync();

    public async Task DisposeAsync() => await Clerk.DisposeAsync();
}
