using System.Net;
using System.Text.Json;
using Aither.Service.State;
using Aither.Service.State.Sqlite;
using Aither.Service.Sync;
using Aither.Tests.Api;
using Aither.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Aither.Tests.State;

/// <summary>What only the SQLite provider does: its file, its schema versions, its OS lock, and start-up errors.</summary>
[LongRunning(9)]
public sealed class SqliteStateTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Initialize_DatabaseOfSchemaVersion1_MigratesAndKeepsItsJobs()
    {
        var path = _dir.Combine("aither.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "State", "Fixtures", "aither-v1.db"), path);
        var store = new SqliteSyncJobStore(path);

        await store.InitializeAsync(default);

        var jobs = await store.ListAsync(null, 10, default);
        Assert.Equal(["sync-1764500400000", "sync-1764496800000"], jobs.Select(j => j.JobId));
        Assert.Equal(SyncJobStatus.Failed, jobs[0].Status);
        Assert.True(jobs[0].Force);
        Assert.Equal("hemera.courses", Assert.Single(jobs[0].Errors).Entity);
        Assert.Equal("course-7", jobs[1].CourseId);
        Assert.Equal(12, jobs[1].ParticipantsFetched);
        Assert.Equal(SchemaMigrations.Load("Sqlite").Count, await SchemaVersionAsync(path));
        // The version-2 column works on the migrated file.
        var slot = DateTimeOffset.Parse("2026-12-01T06:00:00Z");
        Assert.True((await store.StartJobAsync(new SyncJobStart(slot, false, slot), default)).Created);
        Assert.False((await store.StartJobAsync(new SyncJobStart(slot.AddSeconds(1), false, slot), default)).Created);
    }

    [Fact]
    public async Task Initialize_SchemaNewerThanTheCode_FailsNamingTheSetting()
    {
        var path = _dir.Combine("aither.db");
        await new SqliteSyncJobStore(path).InitializeAsync(default);
        await ExecuteAsync(path, "INSERT INTO schema_version (version, applied_at_ms) VALUES (99, 0)");

        var error = await Assert.ThrowsAsync<StateStoreException>(() => new SqliteSyncJobStore(path).InitializeAsync(default));

        Assert.StartsWith("SYNC_STATE_CONNECTION:", error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_FileThatIsNotADatabase_FailsNamingTheSetting()
    {
        var path = _dir.Combine("aither.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));

        var error = await Assert.ThrowsAsync<StateStoreException>(() => new SqliteSyncJobStore(path).InitializeAsync(default));

        Assert.Equal($"SYNC_STATE_CONNECTION: '{path}' is not a SQLite database.", error.Message);
    }

    [Fact]
    public async Task Initialize_NewFile_UsesWriteAheadLogging()
    {
        var path = _dir.Combine("nested", "folder", "aither.db");

        await new SqliteSyncJobStore(path).InitializeAsync(default);

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData(null, "/srv/www/output", "/srv/www/data/aither.db")]
    [InlineData("", "/srv/www/output/", "/srv/www/data/aither.db")]
    [InlineData("/var/lib/aither/state.db", "/srv/www/output", "/var/lib/aither/state.db")]
    [InlineData("Data Source=/var/lib/aither/state.db;Cache=Shared", "/srv/www/output", "/var/lib/aither/state.db")]
    public void ResolvePath_Setting_NamesTheDatabaseFile(string? connection, string output, string expected)
    {
        Assert.Equal(expected, SqliteSyncJobStore.ResolvePath(connection, output));
    }

    [Fact]
    public void ResolvePath_InMemoryConnectionString_IsRefused()
    {
        var error = Assert.Throws<StateStoreException>(() => SqliteSyncJobStore.ResolvePath("Data Source=:memory:", "/srv/output"));

        Assert.Contains("SYNC_STATE_CONNECTION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_CorruptStateFile_ExitsWithOneLineNamingTheSetting()
    {
        var path = _dir.Combine("aither.db");
        await File.WriteAllBytesAsync(path, [.. "SQLite format 3\0"u8, .. Enumerable.Repeat((byte)0xAB, 8192)]);

        var (exitCode, stderr) = await ConfigurationTests.RunServiceAsync(new() { ["SYNC_STATE_CONNECTION"] = path });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("State store error: SYNC_STATE_CONNECTION: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_UnknownProvider_ExitsWithOneLineNamingTheSetting()
    {
        var (exitCode, stderr) = await ConfigurationTests.RunServiceAsync(new() { ["SYNC_STATE_PROVIDER"] = "mysql" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("SYNC_STATE_PROVIDER", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_AfterSyncs_KeepsTheLatestJobAndTheHistory()
    {
        var path = _dir.Combine("aither.db");
        string[] ids;
        string latestBody;
        await using (var first = NewFactory(path))
        {
            using var client = first.CreateAdminClient();
            var started = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                first.Pipeline.Succeed(run => run.ReportCourse($"course-{i}"));
                using var post = await client.PostAsync(new Uri("/api/sync", UriKind.Relative), null);
                Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
                started.Add(JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("jobId").GetString()!);
                await first.Coordinator.WhenIdleAsync().Guarded();
            }

            ids = [.. Enumerable.Reverse(started)];
            latestBody = Data(await client.GetStringAsync(new Uri("/api/sync", UriKind.Relative)));
        }

        await using var second = NewFactory(path);
        using var again = second.CreateAdminClient();
        using var status = await again.GetAsync(new Uri("/api/sync", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(latestBody, Data(await status.Content.ReadAsStringAsync()));
        Assert.Equal(ids, (await second.Coordinator.ListJobsAsync(null, 10))!.Select(j => j.JobId));
    }

    [Fact]
    public async Task Restart_AfterKillDuringASync_ReportsThatJobAsFailedInterrupted()
    {
        var path = _dir.Combine("aither.db");
        await using var hemera = await HemeraStandIn.StartAsync();
        HangEveryCourseList(hemera);
        string jobId;
        await using (var doomed = await ServiceInstance.StartAsync(Environment(path, hemera), output))
        {
            using var post = await doomed.Client.PostAsync(new Uri("/api/sync", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
            jobId = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
            await hemera.WaitForRequestsAsync(1).Guarded();
            await doomed.KillAsync();
        }

        await using var restarted = await ServiceInstance.StartAsync(Environment(path, hemera), output);
        using var status = await restarted.Client.GetAsync(new Uri("/api/sync", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var job = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("data");
        Assert.Equal(jobId, job.GetProperty("jobId").GetString());
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("endTime").ValueKind);
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.Equal("sync", error.GetProperty("entity").GetString());
        Assert.Contains("stopped before it finished", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoProcesses_OneStateFile_RunOneSync()
    {
        var path = _dir.Combine("aither.db");
        await using var hemera = await HemeraStandIn.StartAsync();
        HangEveryCourseList(hemera);
        var processes = await Task.WhenAll(
            ServiceInstance.StartAsync(Environment(path, hemera), output),
            ServiceInstance.StartAsync(Environment(path, hemera), output));
        await using var a = processes[0];
        await using var b = processes[1];

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? a : b).Client.PostAsync(new Uri("/api/sync", UriKind.Relative), null))).Guarded();

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var jobIds = new HashSet<string>();
        foreach (var response in responses)
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            jobIds.Add(response.StatusCode == HttpStatusCode.Accepted
                ? body.GetProperty("data").GetProperty("jobId").GetString()!
                : body.GetProperty("error").GetProperty("code").GetString()!);
            response.Dispose();
        }

        Assert.Equal(2, jobIds.Count); // the started job's id and SYNC_IN_PROGRESS
        Assert.Contains("SYNC_IN_PROGRESS", jobIds);
        using var history = JsonDocument.Parse(await a.Client.GetStringAsync(new Uri("/api/sync/jobs", UriKind.Relative)));
        Assert.Single(history.RootElement.GetProperty("data").GetProperty("jobs").EnumerateArray());
    }

    private AitherFactory NewFactory(string statePath)
    {
        var factory = new AitherFactory().WithOutput(output);
        factory.Settings["SYNC_STATE_CONNECTION"] = statePath;
        return factory;
    }

    private Dictionary<string, string> Environment(string statePath, HemeraStandIn hemera) => new()
    {
        ["SYNC_STATE_CONNECTION"] = statePath,
        ["HTML_OUTPUT_DIR"] = _dir.Combine("output"),
        ["HEMERA_API_BASE_URL"] = hemera.BaseUrl,
        ["HEMERA_MAX_RETRIES"] = "0",
    };

    /// <summary>Hemera never answers the course list, so a sync stays running until its process goes.</summary>
    private static void HangEveryCourseList(HemeraStandIn hemera)
    {
        for (var i = 0; i < 20; i++)
        {
            hemera.Enqueue(HemeraReply.Hang(), "/api/service/courses");
        }
    }

    private static string Data(string envelope) => JsonDocument.Parse(envelope).RootElement.GetProperty("data").GetRawText();

    private static async Task<long> SchemaVersionAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
