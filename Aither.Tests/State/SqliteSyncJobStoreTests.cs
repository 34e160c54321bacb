using Aither.Service.State;
using Aither.Service.State.Sqlite;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.State;

/// <summary>The store contract against real SQLite files in a temporary folder.</summary>
public sealed class SqliteSyncJobStoreTests : SyncJobStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override async Task<ISyncJobStore> CreateStoreAsync(ISyncJobStore? shared = null)
    {
        var path = shared is SqliteSyncJobStore sqlite ? sqlite.DatabasePath : _dir.Combine($"{Guid.NewGuid():N}", "aither.db");
        var store = new SqliteSyncJobStore(path);
        await store.InitializeAsync(default);
        return store;
    }

    protected override async Task<ISyncJobStore> CreateStoreAtVersionAsync(int version)
    {
        var store = new SqliteSyncJobStore(_dir.Combine($"{Guid.NewGuid():N}", "aither.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(store.DatabasePath)!);
        await store.MigrateAsync(version, DateTimeOffset.UtcNow, default);
        return store;
    }

    public void Dispose() => _dir.Dispose();
}
