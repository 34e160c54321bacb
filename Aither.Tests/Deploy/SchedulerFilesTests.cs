using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aither.Service.Scheduling;
using Aither.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace Aither.Tests.Deploy;

/// <summary>
/// The scheduler files under deploy/ (crontab, Kubernetes CronJob, Vercel-style crons): each is parsed, its method,
/// path and schedule compared with what the service serves, and its trigger run against the real service.
/// </summary>
public sealed class SchedulerFilesTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The interval the README documents: every 30 minutes.</summary>
    private const string Schedule = "*/30 * * * *";
    private const string CronSecret = "cron-secret-for-deploy-tests";
    private readonly AitherFactory _factory = new AitherFactory().WithOutput(output).UseRealKestrel();

    public Task InitializeAsync()
    {
        _factory.Settings["CRON_SECRET"] = CronSecret;
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
    }

    [Fact]
    public void Schedules_AllThreeFiles_AreTheDocumentedInterval()
    {
        Assert.Contains($"SYNC_SCHEDULE=\"{Schedule}\"", File.ReadAllText(Readme.Path), StringComparison.Ordinal);
        foreach (var schedule in new[] { Crontab.Read().Schedule, CronJob.Read().Schedule, VercelCron.Read().Schedule })
        {
            Assert.Equal(Schedule, schedule);
            Assert.True(SyncSchedule.TryParseExpression(schedule, out _), $"'{schedule}' is not a cron expression the service accepts");
        }
    }

    [Fact]
    public async Task Crontab_Entry_PostsToTheSyncRouteAndIsSilentOnStartAndOverlap()
    {
        var crontab = Crontab.Read();
        Assert.Equal(("POST", "/api/sync"), Curl.MethodAndPath(crontab.Command));
        AssertServed("POST", "/api/sync");
        Assert.Contains(crontab.Variables.Keys, name => name == "AITHER_ADMIN_TOKEN");

        var first = await RunShellAsync(Retarget(crontab.Command), ("AITHER_ADMIN_TOKEN", AitherFactory.AdminToken));
        await _factory.Pipeline.Started.Guarded();
        var overlapping = await RunShellAsync(Retarget(crontab.Command), ("AITHER_ADMIN_TOKEN", AitherFactory.AdminToken));
        var refused = await RunShellAsync(Retarget(crontab.Command), ("AITHER_ADMIN_TOKEN", "not-the-admin-token"));

        Assert.Equal((0, "", ""), first);
        Assert.Equal((0, "", ""), overlapping);
        Assert.Equal((0, "", "Sync fehlgeschlagen: HTTP 401\n"), refused);
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public void Crontab_Readme_ShowsTheFileVerbatim()
    {
        var file = File.ReadAllText(DeployPath("cron", "aither.crontab")).Trim();

        Assert.Equal(file, Readme.CodeBlockContaining("*/30 * * * * curl ").Trim());
    }

    [Fact]
    public async Task CronJob_Trigger_GetsTheCronRouteAndSucceedsOnStartAndOverlap()
    {
        var job = CronJob.Read();
        Assert.Equal(("GET", "/api/cron/sync"), Curl.MethodAndPath(job.Command));
        AssertServed("GET", "/api/cron/sync");
        Assert.Equal("CRON_SECRET", job.SecretVariable);

        var first = await RunShellAsync(Retarget(job.Command), ("CRON_SECRET", CronSecret));
        await _factory.Pipeline.Started.Guarded();
        var overlapping = await RunShellAsync(Retarget(job.Command), ("CRON_SECRET", CronSecret));
        var refused = await RunShellAsync(Retarget(job.Command), ("CRON_SECRET", "wrong-secret"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, overlapping.ExitCode);
        Assert.NotEqual(0, refused.ExitCode); // the Job fails, so the cluster sees it
        Assert.Equal(1, _factory.Pipeline.Runs);
    }

    [Fact]
    public async Task VercelCron_Path_IsServedForGetWithTheCronSecret()
    {
        var cron = VercelCron.Read();
        AssertServed("GET", cron.Path);

        // What Vercel-style schedulers send: GET with "Authorization: Bearer <CRON_SECRET>".
        using var client = new HttpClient { BaseAddress = _factory.RestAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, cron.Path);
        request.Headers.Authorization = new("Bearer", CronSecret);
        using var response = await client.SendAsync(request).Guarded();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The route exists for that method in the service's endpoint table (REST via JSON transcoding).</summary>
    private void AssertServed(string method, string path)
    {
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        Assert.Contains(endpoints, endpoint =>
            "/" + endpoint.RoutePattern.RawText?.TrimStart('/') == path
            && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
    }

    /// <summary>The file's command with its example origin replaced by the test service's.</summary>
    private string Retarget(string command) =>
        Curl.Url().Replace(command, match => new Uri(_factory.RestAddress!, new Uri(match.Value).PathAndQuery).ToString());

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunShellAsync(string command, (string Name, string Value) variable)
    {
        var start = new ProcessStartInfo("sh", ["-c", command]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[variable.Name] = variable.Value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().Guarded();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string DeployPath(params string[] parts) => Path.Combine([ServiceProcess.SolutionRoot, "deploy", .. parts]);

    /// <summary>deploy/cron/aither.crontab: variable lines and one entry, read the way cron reads them.</summary>
    private sealed record Crontab(IReadOnlyDictionary<string, string> Variables, string Schedule, string Command)
    {
        public static Crontab Read()
        {
            var lines = File.ReadAllLines(DeployPath("cron", "aither.crontab"))
                .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
                .ToList();
            var variables = lines.Where(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^[A-Za-z_][A-Za-z0-9_]*\s*="))
                .Select(line => line.Split('=', 2))
                .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.Ordinal);
            var entry = Assert.Single(lines, line => !variables.Keys.Any(name => line.StartsWith(name, StringComparison.Ordinal)));
            var fields = entry.Split(' ', 6);
            var command = fields[5];
            // Cron turns every unescaped % into a line break (the rest goes to stdin); \% is a literal %.
            Assert.DoesNotMatch(@"(?<!\\)%", command);
            return new Crontab(variables, string.Join(' ', fields[..5]), command.Replace(@"\%", "%", StringComparison.Ordinal));
        }
    }

    /// <summary>deploy/kubernetes/aither-sync-cronjob.yaml.</summary>
    private sealed record CronJob(string Schedule, string Command, string SecretVariable)
    {
        public static CronJob Read()
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(DeployPath("kubernetes", "aither-sync-cronjob.yaml")))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
            Assert.Equal("batch/v1", Scalar(root, "apiVersion"));
            Assert.Equal("CronJob", Scalar(root, "kind"));
            var spec = Map(root, "spec");
            Assert.Equal("Forbid", Scalar(spec, "concurrencyPolicy"));
            var container = (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(Map(spec, "jobTemplate"), "spec"), "template"), "spec")
                .Children[new YamlScalarNode("containers")]).Children.Single();
            var command = ((YamlSequenceNode)container.Children[new YamlScalarNode("command")]).Children.Select(n => ((YamlScalarNode)n).Value).ToList();
            Assert.Equal(["sh", "-c"], command);
            var args = ((YamlSequenceNode)container.Children[new YamlScalarNode("args")]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
            var secret = ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.Cast<YamlMappingNode>()
                .Single(env => env.Children.ContainsKey(new YamlScalarNode("valueFrom")));
            return new CronJob(Scalar(spec, "schedule"), Assert.Single(args), Scalar(secret, "name"));
        }

        private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

        private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
    }

    /// <summary>deploy/vercel/vercel.json: its one <c>crons</c> entry.</summary>
    private sealed record VercelCron(string Path, string Schedule)
    {
        public static VercelCron Read()
        {
            using var json = JsonDocument.Parse(File.ReadAllText(DeployPath("vercel", "vercel.json")));
            var cron = Assert.Single(json.RootElement.GetProperty("crons").EnumerateArray().ToList());
            return new VercelCron(cron.GetProperty("path").GetString()!, cron.GetProperty("schedule").GetString()!);
        }
    }
}
