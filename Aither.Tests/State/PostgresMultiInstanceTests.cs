using System.Net;
using System.Text.Json;
using Aither.Tests.Api;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.State;

/// <summary>Real service processes sharing one real PostgreSQL: one sync across instances, crash recovery, start-up errors.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMultiInstanceTests(PostgresServer server, ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartUp_ServerUnreachable_ExitsWithOneLineNamingTheSettingWithoutThePassword()
    {
        var (exitCode, stderr) = await ConfigurationTests.RunServiceAsync(new()
        {
            ["SYNC_STATE_PROVIDER"] = "postgres",
            ["SYNC_STATE_CONNECTION"] = $"Host=127.0.0.1;Port={LoopbackPorts.Next()};Username=aither;Password=very-secret-pw;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("State store error: SYNC_STATE_CONNECTION: cannot reach PostgreSQL at 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-pw", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoInstances_HundredConcurrentTriggers_StartOneSyncAndRecoverFromAKilledRunner()
    {
        var connection = await server.CreateDatabaseAsync();
        await using var hemera = await HemeraStandIn.StartAsync();
        for (var i = 0; i < 40; i++)
        {
            // Hemera never answers the course list: a started sync keeps running until its process goes.
            hemera.Enqueue(HemeraReply.Hang(), "/api/service/courses");
        }

        // One after the other: each picks free ports only once the other has bound its own.
        await using var a = await ServiceInstance.StartAsync(Environment(connection, hemera, "a"), output);
        await using var b = await ServiceInstance.StartAsync(Environment(connection, hemera, "b"), output);
        var instances = new[] { a, b };

        using var go = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            go.Wait();
            var instance = instances[i % 2];
            var response = await instance.Client.PostAsync(new Uri("/api/sync", UriKind.Relative), null);
            return (Instance: i % 2, Response: response);
        })).ToArray();
        go.Set();
        var results = await Task.WhenAll(posts).WaitAsync(TestTimeouts.Guard);

        var accepted = Assert.Single(results, r => r.Response.StatusCode == HttpStatusCode.Accepted);
        var jobId = JsonDocument.Parse(await accepted.Response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
        var conflicts = results.Where(r => r.Response.StatusCode == HttpStatusCode.Conflict).ToArray();
        Assert.Equal(99, conflicts.Length);
        Assert.All(conflicts, c => Assert.Equal($"/api/sync/jobs/{jobId}", c.Response.Headers.Location?.OriginalString));
        Assert.Contains(conflicts, c => c.Instance != accepted.Instance);
        foreach (var (_, response) in results)
        {
            response.Dispose();
        }

        // Both instances report the same running job (the other one within its refresh interval).
        foreach (var instance in instances)
        {
            var status = await WaitForStatusAsync(instance, data => data.GetProperty("jobId").GetString() == jobId);
            Assert.Equal("running", status.GetProperty("status").GetString());
        }

        var runner = instances[accepted.Instance];
        var other = instances[1 - accepted.Instance];
        await runner.KillAsync();

        string nextJobId;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            using var retry = await other.Client.PostAsync(new Uri("/api/sync", UriKind.Relative), null, bound.Token);
            if (retry.StatusCode == HttpStatusCode.Accepted)
            {
                nextJobId = JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("jobId").GetString()!;
                break;
            }

            Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
            // The server notices the killed instance's connection drop on its own (within about a second); poll until it has.
            await Task.Delay(100, bound.Token);
        }

        Assert.NotEqual(jobId, nextJobId);
        using var killed = JsonDocument.Parse(await other.Client.GetStringAsync(new Uri($"/api/sync/jobs/{jobId}", UriKind.Relative)));
        var job = killed.RootElement.GetProperty("data");
        Assert.Equal("failed", job.GetProperty("status").GetString());
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.Equal("sync", error.GetProperty("entity").GetString());
        Assert.Contains("stopped before it finished", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment(string connection, HemeraStandIn hemera, string name) => new()
    {
        ["SYNC_STATE_PROVIDER"] = "postgres",
        ["SYNC_STATE_CONNECTION"] = connection,
        ["HTML_OUTPUT_DIR"] = _dir.Combine(name, "output"),
        ["HEMERA_API_BASE_URL"] = hemera.BaseUrl,
        ["HEMERA_MAX_RETRIES"] = "0",
    };

    private static async Task<JsonElement> WaitForStatusAsync(ServiceInstance instance, Func<JsonElement, bool> condition)
    {
        using var guard = new CancellationTokenSource(TestTimeouts.Guard);
        while (true)
        {
            // Until its copy refreshes, an instance that has never seen a job answers 404 NO_SYNC_JOB.
            using var response = await instance.Client.GetAsync(new Uri("/api/sync", UriKind.Relative), guard.Token);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                response.EnsureSuccessStatusCode();
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(guard.Token));
                var data = document.RootElement.GetProperty("data").Clone();
                if (condition(data))
                {
                    return data;
                }
            }

            // The other instance's copy refreshes after SYNC_STATE_REFRESH_MS; poll until it has.
            await Task.Delay(100, guard.Token);
        }
    }
}
