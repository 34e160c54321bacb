using Aither.Service.State.Postgres;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Npgsql;

namespace Aither.Tests.State;

/// <summary>What a run does when the connection holding its PostgreSQL advisory lock goes away.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLockLossTests(PostgresServer server)
{
    [Fact]
    public async Task Run_LockConnectionTerminated_IsCancelledAndCannotCommit()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var store = new PostgresSyncJobStore(connection);
        var pipeline = new ControllablePipeline();
        var coordinator = TestCoordinator.Create(pipeline, TimeProvider.System, store);
        var started = await coordinator.TryStartAsync(force: false).Guarded();
        var run = await pipeline.Started.Guarded();

        await using (var admin = new NpgsqlConnection(connection))
        {
            await admin.OpenAsync();
            await using var kill = admin.CreateCommand();
            kill.CommandText = "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted";
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await coordinator.WhenIdleAsync().Guarded();
        var committed = false;
        Assert.Throws<OperationCanceledException>(() => run.Commit(() => committed = true));
        Assert.False(committed);
        var job = (await coordinator.GetJobAsync(started.Job.JobId))!;
        Assert.Equal(SyncJobStatus.Failed, job.Status);
        Assert.Contains("connection to the state store was lost", Assert.Single(job.Errors).Message, StringComparison.Ordinal);
    }
}
