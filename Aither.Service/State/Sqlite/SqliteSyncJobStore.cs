using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Aither.Service.State.Sqlite;

/// <summary>
/// Job state in one SQLite file (WAL, busy timeout). The sync lock is an exclusive OS lock on
/// <c>&lt;database&gt;.lock</c> beside it, which the OS releases when the process dies, so two processes on one
/// file never both run a sync.
/// </summary>
internal sealed class SqliteSyncJobStore : SqlSyncJobStore
{
    private const int BusyTimeoutMs = 5_000;

    private readonly string _connectionString;

    public SqliteSyncJobStore(string databasePath)
        : base("Sqlite")
    {
        DatabasePath = Path.GetFullPath(databasePath);
        LockPath = DatabasePath + ".lock";
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    public string DatabasePath { get; }

    public string LockPath { get; }

    /// <summary>The database file named by SYNC_STATE_CONNECTION: a path, or a connection string with <c>Data Source</c>.</summary>
    public static string ResolvePath(string? connection, string outputDirectory)
    {
        if (string.IsNullOrWhiteSpace(connection))
        {
            // Beside the output, not inside it: the output directory may be served to the public.
            var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory)));
            return Path.Combine(parent ?? Path.GetFullPath(outputDirectory), "data", "aither.db");
        }

        if (!connection.Contains('=', StringComparison.Ordinal))
        {
            return connection;
        }

        try
        {
            var dataSource = new SqliteConnectionStringBuilder(connection).DataSource;
            return string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:"
                ? throw new StateStoreException("SYNC_STATE_CONNECTION must name a SQLite database file (Data Source=<path>).")
                : dataSource;
        }
        catch (ArgumentException)
        {
            throw new StateStoreException("SYNC_STATE_CONNECTION is neither a file path nor a valid SQLite connection string.");
        }
    }

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL lets status reads go on while a job's row is written; the mode is kept in the file.
            await using var wal = Command(connection, null, "PRAGMA journal_mode = WAL");
            await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (DescribeFailure(ex) is { } message)
        {
            throw new StateStoreException(message, ex);
        }

        await base.InitializeAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var busy = Command(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMs}");
            await busy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task WritePageAsync(
        DbConnection connection, DbTransaction transaction, string jobId, PageContent content, CancellationToken cancellationToken)
    {
        // The row gets a blob of the page's length first, then the blob is filled from the stream in place. SQLite builds
        // a zeroblob in memory when anything but zeroblobs follows it in the row, so html is the last column (migration
        // 0005), and when the row is written by an upsert (ON CONFLICT DO UPDATE); REPLACE writes it without.
        await using (var replace = Command(
            connection,
            transaction,
            "INSERT OR REPLACE INTO room_page (id, job_id, html_sha256, html) VALUES (1, @jobId, @sha256, zeroblob(@length))",
            ("jobId", jobId),
            ("sha256", content.Sha256),
            ("length", content.Length)))
        {
            await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await content.WriteToAsync(
            async (bytes, token) =>
            {
                // room_page.id is an INTEGER PRIMARY KEY, so the row's id is its rowid.
                await using var blob = new SqliteBlob((SqliteConnection)connection, "room_page", "html", rowid: 1);
                await bytes.CopyToAsync(blob, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nothing to do: Microsoft.Data.Sqlite begins transactions IMMEDIATE, which already excludes other writers.</summary>
    protected override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected override string? DescribeFailure(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 26 } => $"SYNC_STATE_CONNECTION: '{DatabasePath}' is not a SQLite database.",
        SqliteException { SqliteErrorCode: 11 } => $"SYNC_STATE_CONNECTION: the SQLite database '{DatabasePath}' is corrupt.",
        SqliteException sqlite => $"SYNC_STATE_CONNECTION: cannot use the SQLite database '{DatabasePath}' (SQLite error {sqlite.SqliteErrorCode}).",
        IOException or UnauthorizedAccessException => $"SYNC_STATE_CONNECTION: cannot create the folder of '{DatabasePath}' ({exception.GetType().Name}).",
        _ => null,
    };

    public override Task<ISyncLockLease?> TryAcquireLockAsync(CancellationToken cancellationToken)
    {
        try
        {
            // FileShare.None takes an exclusive flock on Unix (a share lock on Windows); a second open fails at once.
            var file = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return Task.FromResult<ISyncLockLease?>(new FileLockLease(file));
        }
        catch (IOException)
        {
            return Task.FromResult<ISyncLockLease?>(null);
        }
    }

    public override async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // A write that is rolled back: proves the file and its folder are writable without changing anything.
            await using var write = Command(connection, transaction, "INSERT INTO schema_version (version, applied_at_ms) VALUES (-1, 0)");
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return $"The SQLite state database is not writable ({(ex is SqliteException sqlite ? $"SQLite error {sqlite.SqliteErrorCode}" : ex.GetType().Name)}).";
        }
    }

    private sealed class FileLockLease(FileStream file) : ISyncLockLease
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
