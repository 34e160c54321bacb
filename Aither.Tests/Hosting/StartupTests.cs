using System.Net;
using System.Net.Sockets;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Aither.Tests.Hosting;

/// <summary>The real service process started the ways operators start it, and what it prints.</summary>
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
    public async Task DotnetRun_WithoutEnvironment_StartsInDevelopmentFromTheLaunchProfile()
    {
        await using var service = DotnetRun(new()
        {
            ["Kestrel__Endpoints__Rest__Url"] = "http://127.0.0.1:0",
            ["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0",
        });

        await service.WaitForStdoutAsync(line => line.Contains("Hosting environment: Development", StringComparison.Ordinal));
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
        var (restPort, grpcPort) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
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
        Assert.DoesNotContain(service.Stdout, line => line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartUp_PortInUse_OneLineNamingThePortAndNoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var service = StartBuiltApp(ServiceProcess.ProductionEnvironment(port, ServiceProcess.FreePort()), ServiceProcess.SolutionRoot);

        var exitCode = await service.WaitForExitAsync();

        Assert.Equal(1, exitCode);
        var line = Assert.Single(service.Stderr, l => l.Length > 0);
        Assert.Contains($"port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("Kestrel__Endpoints__Rest__Url", line, StringComparison.Ordinal);
        Assert.DoesNotContain(service.Stderr, l => l.Contains("   at ", StringComparison.Ordinal));
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
