namespace Aither.Tests.Infrastructure;

/// <summary>
/// A class fixture: one <see cref="AitherFactory"/>, made by the first test that asks for it and shared by the tests
/// of the class that only read from the service (its documents, refused requests) and start no sync. A test that
/// needs a fresh service, a setting of its own or a sync makes its own factory instead.
/// </summary>
public sealed class SharedAitherFactory : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private AitherFactory? _factory;

    /// <summary>The shared factory with the default settings, its server logs going to <paramref name="output"/> while that test runs.</summary>
    public AitherFactory For(ITestOutputHelper output) => For(output, () => new AitherFactory());

    /// <summary>
    /// The shared factory, made by <paramref name="create"/> on the first call (every test of a class passes the same
    /// settings), its server logs going to <paramref name="output"/> while that test runs.
    /// </summary>
    public AitherFactory For(ITestOutputHelper output, Func<AitherFactory> create)
    {
        lock (_lock)
        {
            _factory ??= create();
            _factory.Logs.Output = output;
            return _factory;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            _factory.Pipeline.Succeed();
            await _factory.DisposeAsync();
        }
    }
}
