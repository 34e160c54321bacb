using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aither.Service.Sync;

namespace Aither.Service.State;

/// <summary>
/// The SQL both providers share (the schema is the same, only column types differ). Each provider opens its
/// connections, translates its failures, and brings its own lock.
/// </summary>
internal abstract class SqlSyncJobStore : ISyncJobStore
{
    public const string InterruptedMessage = "The instance running this sync stopped before it finished; the sync was abandoned";

    private const string Columns =
        "job_id, status, is_forced, start_time_ms, end_time_ms, duration_ms, course_id, no_upcoming_course, participants_fetched, files_generated, files_skipped, errors, phase, course_pages_fetched";

    private readonly string _provider;

    protected SqlSyncJobStore(string provider)
    {
        _provider = provider;
    }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Keeps a second process from migrating at the same time, inside the migration transaction.</summary>
    protected abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>One line for operators naming SYNC_STATE_CONNECTION; null when <paramref name="exception"/> is not about the store.</summary>
    protected abstract string? DescribeFailure(Exception exception);

    /// <summary>
    /// Makes <paramref name="content"/> the stored page of <paramref name="jobId"/> (the one row, id 1),
    /// streaming its bytes inside <paramref name="transaction"/> without holding them whole.
    /// </summary>
    protected abstract Task WritePageAsync(
        DbConnection connection, DbTransaction transaction, string jobId, PageContent content, CancellationToken cancellationToken);

    public abstract Task<ISyncLockLease?> TryAcquireLockAsync(CancellationToken cancellationToken);

    public abstract Task<string?> ProbeAsync(CancellationToken cancellationToken);

    public virtual async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(int.MaxValue, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not StateStoreException && DescribeFailure(ex) is { } message)
        {
            throw new StateStoreException(message, ex);
        }
    }

    /// <summary>Applies every script up to <paramref name="targetVersion"/> not yet applied, in one transaction.</summary>
    internal async Task MigrateAsync(int targetVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scripts = SchemaMigrations.Load(_provider);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var current = await SchemaMigrations.CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > scripts.Count)
        {
            throw new StateStoreException(SchemaMigrations.TooNew(current, scripts.Count));
        }

        foreach (var script in scripts.Where(s => s.Version > current && s.Version <= targetVersion))
        {
            await SchemaMigrations.ApplyAsync(connection, transaction, script, now, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<(SyncJobSnapshot Job, bool Created)> StartJobAsync(SyncJobStart start, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (start.ScheduleSlot is { } slot)
        {
            var existing = await QueryAsync(
                connection, transaction, $"SELECT {Columns} FROM sync_jobs WHERE schedule_slot_ms = @slot", cancellationToken,
                ("slot", slot.ToUnixTimeMilliseconds())).ConfigureAwait(false);
            if (existing.Count > 0)
            {
                return (existing[0], false);
            }
        }

        await using var max = Command(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM sync_jobs");
        var highest = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var startMs = start.StartTime.ToUnixTimeMilliseconds();
        // Ids stay unique and ordered across processes and restarts, even within one millisecond or after the clock stepped back.
        var seq = Math.Max(startMs, highest + 1);
        var job = new SyncJobSnapshot(
            $"{SyncJobIds.Prefix}{seq.ToString(CultureInfo.InvariantCulture)}",
            SyncJobStatus.Running,
            start.Force,
            DateTimeOffset.FromUnixTimeMilliseconds(startMs),
            null,
            null,
            null,
            false,
            0,
            0,
            0,
            []);

        await using var insert = Command(
            connection,
            transaction,
            "INSERT INTO sync_jobs (seq, job_id, status, is_forced, start_time_ms, schedule_slot_ms) VALUES (@seq, @jobId, 'running', @force, @start, @slot)",
            ("seq", seq),
            ("jobId", job.JobId),
            ("force", start.Force),
            ("start", startMs),
            ("slot", start.ScheduleSlot?.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (job, true);
    }

    public async Task RecordEndAsync(SyncJobSnapshot job, StoredPageChange page, int historyLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await UpdateAsync(connection, transaction, job, cancellationToken).ConfigureAwait(false);
        await ChangePageAsync(connection, transaction, page, cancellationToken).ConfigureAwait(false);

        await using var prune = Command(
            connection,
            transaction,
            "DELETE FROM sync_jobs WHERE seq <= (SELECT seq FROM sync_jobs ORDER BY seq DESC LIMIT 1 OFFSET @keep)",
            ("keep", (long)historyLimit));
        await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredPageVersion?> GetPageVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT job_id, html_sha256 FROM room_page WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredPageVersion(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    public async Task<StoredPage?> GetPageAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT job_id, html, html_sha256 FROM room_page WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return reader.IsDBNull(1)
            ? StoredPage.NoCourse(reader.GetString(0))
            : new StoredPage(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2));
    }

    public async Task RecordProgressAsync(SyncJobSnapshot job, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Only while the row is running: a late progress write can never undo the recorded end.
        await using var update = Command(
            connection,
            null,
            """
            UPDATE sync_jobs SET phase = @phase, course_pages_fetched = @pages, course_id = @courseId,
                no_upcoming_course = @noUpcomingCourse, participants_fetched = @participants, files_generated = @generated,
                files_skipped = @skipped
            WHERE job_id = @jobId AND status = 'running'
            """,
            ("phase", job.Phase.ToText()),
            ("pages", job.CoursePagesFetched),
            ("courseId", job.CourseId),
            ("noUpcomingCourse", job.NoUpcomingCourse),
            ("participants", job.ParticipantsFetched),
            ("generated", job.FilesGenerated),
            ("skipped", job.FilesSkipped),
            ("jobId", job.JobId));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SyncJobSnapshot?> GetLatestAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sync_jobs ORDER BY seq DESC LIMIT 1", cancellationToken).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<SyncJobSnapshot?> GetRunningAsync(CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sync_jobs WHERE status = 'running' ORDER BY seq DESC LIMIT 1", cancellationToken).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<SyncJobSnapshot?> GetAsync(string jobId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM sync_jobs WHERE job_id = @jobId", cancellationToken, ("jobId", jobId)).ConfigureAwait(false))
        .FirstOrDefault();

    public async Task<IReadOnlyList<SyncJobSnapshot>> ListAsync(string? afterJobId, int limit, CancellationToken cancellationToken)
    {
        if (afterJobId is null)
        {
            return await QueryAsync(
                $"SELECT {Columns} FROM sync_jobs ORDER BY seq DESC LIMIT @limit", cancellationToken, ("limit", (long)limit)).ConfigureAwait(false);
        }

        if (!SyncJobIds.TryParseSequence(afterJobId, out var after))
        {
            throw new ArgumentException($"'{afterJobId}' is not a sync job id.", nameof(afterJobId));
        }

        return await QueryAsync(
            $"SELECT {Columns} FROM sync_jobs WHERE seq < @after ORDER BY seq DESC LIMIT @limit",
            cancellationToken,
            ("after", after),
            ("limit", (long)limit)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> MarkInterruptedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var running = await QueryAsync(
            connection, transaction, $"SELECT {Columns} FROM sync_jobs WHERE status = 'running'", cancellationToken).ConfigureAwait(false);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        foreach (var job in running)
        {
            var failed = job with
            {
                Status = SyncJobStatus.Failed,
                EndTime = end,
                DurationMs = Math.Max(0, (long)(end - job.StartTime).TotalMilliseconds),
                Errors = [.. job.Errors, new SyncJobError("sync", InterruptedMessage, end)],
            };
            await UpdateAsync(connection, transaction, failed, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return running.Select(j => j.JobId).ToArray();
    }

    private async Task ChangePageAsync(DbConnection connection, DbTransaction transaction, StoredPageChange change, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case StoredPageChange.Replace replace:
                await WritePageAsync(connection, transaction, replace.JobId, replace.Content, cancellationToken).ConfigureAwait(false);
                break;
            case StoredPageChange.NoUpcomingCourse noCourse:
                await using (var upsert = Command(connection, transaction, UpsertPageSql("NULL"), ("jobId", noCourse.JobId), ("sha256", null)))
                {
                    await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                break;
            case StoredPageChange.KeepOrLoad keepOrLoad:
                await using (var stored = Command(connection, transaction, "SELECT job_id FROM room_page WHERE id = 1"))
                {
                    if (await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string == keepOrLoad.PageJobId)
                    {
                        return;
                    }
                }

                using (var loaded = keepOrLoad.Load())
                {
                    if (loaded is not null)
                    {
                        await WritePageAsync(connection, transaction, keepOrLoad.PageJobId, loaded, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
        }
    }

    private static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, SyncJobSnapshot job, CancellationToken cancellationToken)
    {
        await using var update = Command(
            connection,
            transaction,
            """
            UPDATE sync_jobs SET status = @status, end_time_ms = @end, duration_ms = @duration, course_id = @courseId,
                no_upcoming_course = @noUpcomingCourse, participants_fetched = @participants, files_generated = @generated,
                files_skipped = @skipped, errors = @errors, phase = @phase, course_pages_fetched = @pages
            WHERE job_id = @jobId
            """,
            ("status", StatusText(job.Status)),
            ("end", job.EndTime?.ToUnixTimeMilliseconds()),
            ("duration", job.DurationMs),
            ("courseId", job.CourseId),
            ("noUpcomingCourse", job.NoUpcomingCourse),
            ("participants", job.ParticipantsFetched),
            ("generated", job.FilesGenerated),
            ("skipped", job.FilesSkipped),
            ("errors", ErrorsToJson(job.Errors)),
            ("phase", job.Phase.ToText()),
            ("pages", job.CoursePagesFetched),
            ("jobId", job.JobId));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<SyncJobSnapshot>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<SyncJobSnapshot>> QueryAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new List<SyncJobSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    /// <summary>
    /// Writes the one page row (id 1) with <c>@jobId</c>, <c>@sha256</c> and <paramref name="html"/> as the bytes'
    /// SQL expression. One row, overwritten: the page of an earlier course must not survive anywhere in the store.
    /// </summary>
    protected static string UpsertPageSql(string html) => $"""
        INSERT INTO room_page (id, job_id, html, html_sha256) VALUES (1, @jobId, {html}, @sha256)
        ON CONFLICT (id) DO UPDATE SET job_id = excluded.job_id, html = excluded.html, html_sha256 = excluded.html_sha256
        """;

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static SyncJobSnapshot Read(DbDataReader reader) => new(
        reader.GetString(0),
        ParseStatus(reader.GetString(1)),
        reader.GetBoolean(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : reader.GetInt64(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetBoolean(7),
        reader.GetInt32(8),
        reader.GetInt32(9),
        reader.GetInt32(10),
        ErrorsFromJson(reader.GetString(11)),
        SyncJobPhaseText.Parse(reader.IsDBNull(12) ? null : reader.GetString(12)),
        reader.GetInt32(13));

    private static string StatusText(SyncJobStatus status) => status.ToText();

    private static SyncJobStatus ParseStatus(string text) => SyncJobStatusText.TryParse(text, out var status)
        ? status
        : throw new InvalidDataException($"Unknown sync job status '{text}' in the state database.");

    private static string ErrorsToJson(IReadOnlyList<SyncJobError> errors) => JsonSerializer.Serialize(
        errors.Select(e => new StoredError(e.Entity, e.Message, e.Timestamp.ToUnixTimeMilliseconds())).ToArray(),
        StateJsonContext.Default.StoredErrorArray);

    private static SyncJobError[] ErrorsFromJson(string json) =>
        (JsonSerializer.Deserialize(json, StateJsonContext.Default.StoredErrorArray) ?? [])
        .Select(e => new SyncJobError(e.Entity, e.Message, DateTimeOffset.FromUnixTimeMilliseconds(e.TimestampMs)))
        .ToArray();
}
