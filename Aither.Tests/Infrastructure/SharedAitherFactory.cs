namespace Aither.Tests.Infrastructure;

/// <summary>
/// A class fixture: one <see cref="AitherFactory"/> with the default settings, started by the first test that uses it
/// and shared by the tests of the class that only read from the service (its documents, refused requests) and start
/// no sync. A test that needs a fresh service, a setting of its own or a sync makes its own factory instead.
/// </summary>
public sealed class SharedAitherFactory : IAsyncLifetime
{
    private readonly AitherFactory _factory = new();

    /// <summary>The shared factory, its server logs going to <paramref name="output"/> while that test runs.</summary>
    public AitherFactory For(ITestOutputHelper output)
    {
        _factory.Logs.Output = output;
        return _factory;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }
}
