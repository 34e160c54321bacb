using Aither.Service.State;
using Aither.Service.State.Postgres;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.State;

/// <summary>The store contract against a real PostgreSQL server, a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSyncJobStoreTests(PostgresServer server) : SyncJobStoreContractTests, IAsyncLifetime
{
    private readonly List<PostgresSyncJobStore> _stores = [];
    private readonly Dictionary<ISyncJobStore, string> _connections = [];

    protected override async Task<ISyncJobStore> CreateStoreAsync(ISyncJobStore? shared = null)
    {
        var connection = shared is not null ? _connections[shared] : await server.CreateDatabaseAsync();
        var store = new PostgresSyncJobStore(connection);
        _stores.Add(store);
        _connections[store] = connection;
        await store.InitializeAsync(default);
        return store;
    }

    protected override async Task<ISyncJobStore> CreateStoreAtVersionAsync(int version)
    {
        var connection = await server.CreateDatabaseAsync();
        var store = new PostgresSyncJobStore(connection);
        _stores.Add(store);
        _connections[store] = connection;
        await store.MigrateAsync(version, DateTimeOffset.UtcNow, default);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
