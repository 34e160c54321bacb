using Aither.Service.State;
using Aither.Service.State.Sqlite;
using Aither.Service.Sync;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Infrastructure;

/// <summary>A real <see cref="SyncCoordinator"/> outside a host, for unit tests, on a fresh SQLite file.</summary>
public static class TestCoordinator
{
    private static readonly string Root = Directory.CreateTempSubdirectory("aither-coordinators-").FullName;

    static TestCoordinator()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }

    public static SyncCoordinator Create(ISyncPipeline pipeline, TimeProvider time, SyncOptions? options = null, params ISyncObserver[] observers) =>
        Create(pipeline, time, NewStore(), options, observers);

    public static SyncCoordinator Create(
        ISyncPipeline pipeline,
        TimeProvider time,
        ISyncJobStore store,
        SyncOptions? options = null,
        ISyncObserver[]? observers = null,
        StateOptions? state = null)
    {
        var coordinator = new SyncCoordinator(
            pipeline,
            store,
            new SyncEvents(observers ?? [], NullLogger<SyncEvents>.Instance),
            time,
            Options.Create(options ?? new SyncOptions()),
            Options.Create(state ?? new StateOptions()),
            NullLogger<SyncCoordinator>.Instance);
        coordinator.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return coordinator;
    }

    /// <summary>A SQLite store in a new file of its own.</summary>
    internal static SqliteSyncJobStore NewStore() => new(Path.Combine(Root, $"{Guid.NewGuid():N}", "aither.db"));
}
