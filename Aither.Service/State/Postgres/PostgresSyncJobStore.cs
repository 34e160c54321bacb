using System.Data.Common;
using Medallion.Threading.Postgres;
using Npgsql;

namespace Aither.Service.State.Postgres;

/// <summary>
/// Job state in PostgreSQL, shared by every instance. The sync lock is a session advisory lock
/// (DistributedLock.Postgres) held on a connection of its own for the whole run; the server releases it when that
/// connection drops, so an instance that dies never blocks the others.
/// </summary>
internal sealed class PostgresSyncJobStore : SqlSyncJobStore, IAsyncDisposable
{
    // Arbitrary but fixed: every instance must take the same keys. "AitherSy" / "AitherMi" in ASCII.
    private const long SyncLockKey = 0x4169_7468_6572_5379;
    private const long MigrationLockKey = 0x4169_7468_6572_4D69;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _lockConnectionString;
    private readonly string _server;

    public PostgresSyncJobStore(string connectionString)
        : base("Postgres")
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _server = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        // The lock's connection mostly sits in DistributedLock's monitoring query (pg_sleep), and a busy backend
        // notices a dead client only when the query ends. Checking the socket every second lets the server release
        // the lock of a killed instance within a second or two instead of a minute.
        builder.Options = $"{builder.Options} -c client_connection_check_interval=1000".Trim();
        _lockConnectionString = builder.ConnectionString;
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", MigrationLockKey));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task WritePageAsync(
        DbConnection connection, DbTransaction transaction, string jobId, PageContent content, CancellationToken cancellationToken) =>
        content.WriteToAsync(
            async (bytes, token) =>
            {
                // A seekable stream: Npgsql sizes the value by its length and copies it to the socket as it goes.
                await using var upsert = Command(connection, transaction, UpsertPageSql("@html"), ("jobId", jobId), ("html", bytes), ("sha256", content.Sha256));
                await upsert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            },
            cancellationToken);

    // Never the connection string or the server's message text: either could carry a password or user data.
    protected override string? DescribeFailure(Exception exception) => exception switch
    {
        PostgresException postgres => $"SYNC_STATE_CONNECTION: PostgreSQL at {_server} refused the state store (SQLSTATE {postgres.SqlState}).",
        NpgsqlException or TimeoutException => $"SYNC_STATE_CONNECTION: cannot reach PostgreSQL at {_server} ({(exception.InnerException ?? exception).GetType().Name}).",
        _ => null,
    };

    public override async Task<ISyncLockLease?> TryAcquireLockAsync(CancellationToken cancellationToken)
    {
        var @lock = new PostgresDistributedLock(new PostgresAdvisoryLockKey(SyncLockKey), _lockConnectionString);
        var handle = await @lock.TryAcquireAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return handle is null ? null : new AdvisoryLockLease(handle);
    }

    public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, null, "SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return $"PostgreSQL at {_server} is not reachable ({ex.GetType().Name}).";
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private sealed class AdvisoryLockLease(PostgresDistributedLockHandle handle) : ISyncLockLease
    {
        public CancellationToken Lost => handle.HandleLostToken;

        public ValueTask DisposeAsync() => handle.DisposeAsync();
    }
}
