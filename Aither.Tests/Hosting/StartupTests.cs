using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Aither.Tests.Hosting;

/// <summary>The real service process started the ways operators start it, and what it prints.</summary>
[LongRunning(10)]
public sealed class StartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DotnetRun_ExplicitProductionEnvironment_IsNotHiddenByTheLaunchProfile()
    {
        // Production without Hemera settings must refuse to start; Development (the launch profile) would use sample data.
        await using var service = DotnetRun(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel__Endpoints__Rest__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        });

        var exitCode = await service.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.StartsWith("Invalid configuration: HEMERA_API_BASE_URL is not set.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DotnetRun_WithoutEnvironment_StartsInDevelopmentWithOneReadableLinePerEvent()
    {
        var restPort = LoopbackPorts.Next();
        using var outputDir = new TempDirectory();
        await using var service = DotnetRun(new()
        {
            ["Kestrel__Endpoints__Rest__Url"] = $"http://127.0.0.1:{restPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
            // Inside the temp folder: the state file goes beside the output, never into the machine's shared temp root.
            ["HTML_OUTPUT_DIR"] = outputDir.Combine("output"),
        });
        await service.WaitForStdoutAsync(line => line.Contains("Hosting environment: Development", StringComparison.Ordinal));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{restPort}/api/sync"));
        request.Headers.Authorization = new("Bearer", "dev-admin-token");
        using var response = await http.SendAsync(request).Guarded();
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var sampleLine = await service.WaitForStdoutAsync(line => line.Contains(" SampleHemeraCatalog: ", StringComparison.Ordinal));
        await service.WaitForStdoutAsync(line => line.Contains("sync.completed", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Matches(@$"^\d\d:\d\d:\d\d\.\d{{3}} info SampleHemeraCatalog: .* \(request {requestId}, job sync-\d+\)$", sampleLine);
        var events = service.Stdout.Where(line => !line.StartsWith("Using launch settings", StringComparison.Ordinal)).ToList();
        Assert.All(events, line => Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} (trce|dbug|info|warn|fail|crit) [A-Za-z0-9_]+: \S", line));
        Assert.All(events, line => Assert.DoesNotContain("Dictionary`2", line, StringComparison.Ordinal));
        Assert.All(events, line => Assert.True(line.Length < 400, $"{line.Length} characters: {line}"));
        Assert.Contains("Clerk session tokens: off (CLERK_ISSUER not set)", string.Join('\n', events), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_ProductionWithoutHemera_SaysEachMissingSettingOnce()
    {
        var environment = ServiceProcess.ProductionEnvironment(0, 0);
        environment.Remove("HEMERA_API_BASE_URL");
        environment.Remove("HEMERA_API_KEY");
        await using var service = StartBuiltApp(environment, ServiceProcess.SolutionRoot);

        var exitCode = await service.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.Equal(1, Occurrences(line, "HEMERA_API_BASE_URL is not set"));
        Assert.Equal(1, Occurrences(line, "HEMERA_API_KEY is not set"));
    }

    [Fact]
    public async Task StartUp_FromAnotherWorkingDirectory_ServesRestAndH2cGrpcWithoutWarnings()
    {
        using var elsewhere = new TempDirectory();
        var (restPort, grpcPort) = (LoopbackPorts.Next(), LoopbackPorts.Next());
        var environment = ServiceProcess.ProductionEnvironment(restPort, grpcPort);
        environment["HTML_OUTPUT_DIR"] = elsewhere.Combine("output");
        await using var service = StartBuiltApp(environment, elsewhere.Path);
        await service.WaitForStdoutAsync(line => line.Contains("Application started", StringComparison.Ordinal));

        using var http = new HttpClient();
        var rest = await http.GetAsync(new Uri($"http://127.0.0.1:{restPort}/healthz")).Guarded();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var client = new SyncService.SyncServiceClient(channel);
        var grpc = await Assert.ThrowsAsync<RpcException>(() => client.GetStatusAsync(new GetStatusRequest(),
            new Metadata { { "authorization", "Bearer " + AitherFactory.AdminToken } }).ResponseAsync.Guarded());

        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        Assert.Equal(StatusCode.NotFound, grpc.StatusCode); // NO_SYNC_JOB: a real gRPC answer over h2c
        Assert.DoesNotContain(service.Stdout, line => line.Contains("HTTP/2 is not enabled", StringComparison.Ordinal));
        Assert.DoesNotContain(service.Stdout, line => line.Contains("\"level\":\"Warning\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartUp_Production_LogsOneJsonObjectPerLineWithSentences()
    {
        var restPort = LoopbackPorts.Next();
        using var outputDir = new TempDirectory();
        var environment = ServiceProcess.ProductionEnvironment(restPort, LoopbackPorts.Next());
        environment["HTML_OUTPUT_DIR"] = outputDir.Combine("output");
        await using var service = StartBuiltApp(environment, ServiceProcess.SolutionRoot);
        await service.WaitForStdoutAsync(line => line.Contains("Application started", StringComparison.Ordinal));
        using var http = new HttpClient();
        using var unauthorized = await http.PostAsync(new Uri($"http://127.0.0.1:{restPort}/api/sync"), null).Guarded();
        await service.StopAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var messages = new List<string>();
        foreach (var line in service.Stdout)
        {
            using var json = JsonDocument.Parse(line);
            var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.True(names.Count == names.Distinct(StringComparer.OrdinalIgnoreCase).Count(), "a field appears twice: " + line);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.RootElement.GetProperty("timestamp").GetString());
            messages.Add(json.RootElement.GetProperty("message").GetString()!);
        }

        Assert.Contains("API access: 1 admin token(s); Clerk session tokens: off (CLERK_ISSUER not set)", messages);
        Assert.DoesNotContain(messages, message => Regex.IsMatch(message, @"\b(True|False)\b"));
    }

    [Fact]
    public async Task StartUp_PortInUse_OneLineNamingThePortAndNoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var service = StartBuiltApp(ServiceProcess.ProductionEnvironment(port, LoopbackPorts.Next()), ServiceProcess.SolutionRoot);

        var exitCode = await service.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.Contains($"port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("Kestrel__Endpoints__Rest__Url", line, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Stdout.Concat(service.Stderr), l => l.Contains("   at ", StringComparison.Ordinal));
    }

    private ServiceProcess StartBuiltApp(Dictionary<string, string> environment, string workingDirectory) =>
        ServiceProcess.Start("dotnet", [ServiceProcess.ServiceDll], workingDirectory, environment, output);

    private ServiceProcess DotnetRun(Dictionary<string, string> environment) =>
        ServiceProcess.Start("dotnet",
            ["run", "--project", Path.Combine(ServiceProcess.SolutionRoot, "Aither.Service"), "--no-build", "-c", ServiceProcess.BuildConfiguration],
            ServiceProcess.SolutionRoot, environment, output);

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
