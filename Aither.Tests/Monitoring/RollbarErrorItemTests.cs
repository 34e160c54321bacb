using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Aither.Sync.V1;
using Aither.Tests.Infrastructure;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Tests.Monitoring;

/// <summary>Error items for 500s and unhandled exceptions, warning items for refused calls.</summary>
public sealed class RollbarErrorItemTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string WrongToken = "wrong-token-0d9f2a71";
    private RollbarStandIn _rollbar = null!;
    private AitherFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _rollbar = await RollbarStandIn.StartAsync();
        _factory = new AitherFactory().WithOutput(output).WithRollbar(_rollbar);
    }

    public async Task DisposeAsync()
    {
        _factory.Pipeline.Succeed();
        await _factory.DisposeAsync();
        await _rollbar.DisposeAsync();
    }

    [Fact]
    public async Task RestCall_HandlerThrows_Returns500AndSendsErrorItemWithTraceAndRequest()
    {
        _factory.ConfigureServices = services =>
            services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<ExplodingInterceptor>());
        var client = _factory.CreateAdminClient();

        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        var item = Assert.Single(await _rollbar.WaitForAsync(r => r.Any(i => i.Status == 200)));
        Assert.Equal("error", item.Level);
        var trace = item.Data.GetProperty("body").GetProperty("trace");
        Assert.Equal("System.InvalidOperationException", trace.GetProperty("exception").GetProperty("class").GetString());
        Assert.Equal("the store is on fire", trace.GetProperty("exception").GetProperty("message").GetString());
        var frames = trace.GetProperty("frames").EnumerateArray().ToArray();
        Assert.NotEmpty(frames);
        Assert.Contains(frames, f => f.GetProperty("method").GetString()!.Contains(nameof(ExplodingInterceptor), StringComparison.Ordinal));
        Assert.All(frames, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("filename").GetString())));
        Assert.Equal("POST", item.Custom.GetProperty("method").GetString());
        Assert.Equal("/api/sync", item.Custom.GetProperty("route").GetString());
        Assert.Equal(requestId, item.Custom.GetProperty("requestId").GetString());
        Assert.DoesNotContain(AitherFactory.AdminToken, item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", item.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GrpcCall_HandlerThrows_SendsErrorItemWithTraceAndRequest()
    {
        _factory.ConfigureServices = services =>
            services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<ExplodingInterceptor>());
        _factory.UseRealKestrel();
        _ = _factory.Services;
        using var channel = GrpcChannel.ForAddress(_factory.GrpcAddress!);
        var client = new SyncService.SyncServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.StartSyncAsync(
            new StartSyncRequest(), new Metadata { { "Authorization", "Bearer " + AitherFactory.AdminToken } }).ResponseAsync);

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForAsync(r => r.Any(i => i.Status == 200)));
        Assert.Equal("error", item.Level);
        Assert.Equal("System.InvalidOperationException",
            item.Data.GetProperty("body").GetProperty("trace").GetProperty("exception").GetProperty("class").GetString());
        Assert.Equal("/aither.sync.v1.SyncService/StartSync", item.Custom.GetProperty("route").GetString());
        Assert.Equal("POST", item.Custom.GetProperty("method").GetString());
        Assert.StartsWith("req-", item.Custom.GetProperty("requestId").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AitherFactory.AdminToken, item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackgroundSync_PipelineThrows_SendsErrorItemWithTraceAndJobId()
    {
        var client = _factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);
        await _factory.Pipeline.Started.Guarded();

        _factory.Pipeline.Release((_, _) => throw new InvalidOperationException("renderer crashed"));
        await _factory.Coordinator.WhenIdleAsync().Guarded();

        var requests = await _rollbar.WaitForAsync(r => r.Count(i => i.Status == 200) == 2);
        var jobId = _factory.Coordinator.Latest!.JobId;
        var error = Assert.Single(requests, r => r.Level == "error");
        var exception = error.Data.GetProperty("body").GetProperty("trace").GetProperty("exception");
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("class").GetString());
        Assert.Equal("renderer crashed", exception.GetProperty("message").GetString());
        Assert.Equal(jobId, error.Custom.GetProperty("jobId").GetString());
        Assert.Equal("sync", error.Custom.GetProperty("source").GetString());
        var completed = Assert.Single(requests, r => r.Message == "sync.completed");
        Assert.Equal("failed", completed.Custom.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RestCall_WrongToken_SendsWarningWithoutTheToken()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WrongToken);

        using var response = await client.GetAsync("/api/sync");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForItemAsync("auth.failed"));
        Assert.Equal("warning", item.Level);
        Assert.Equal(["reason", "method", "route", "requestId", "clientAddress"], item.Custom.PropertyNames());
        Assert.Equal("unauthenticated: The bearer token is not a valid admin token or cron secret.", item.Custom.GetProperty("reason").GetString());
        Assert.Equal("GET", item.Custom.GetProperty("method").GetString());
        Assert.Equal("/api/sync", item.Custom.GetProperty("route").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), item.Custom.GetProperty("requestId").GetString());
        Assert.False(string.IsNullOrEmpty(item.Custom.GetProperty("clientAddress").GetString()));
        Assert.DoesNotContain(WrongToken, item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestCall_ClerkTokenWithoutAdminRole_SendsForbiddenWarningWithoutTheToken()
    {
        await using var clerk = await ClerkStandIn.StartAsync();
        _factory.Settings["CLERK_ISSUER"] = clerk.Issuer.ToString().TrimEnd('/');
        var token = clerk.CreateToken(new() { ["metadata"] = new Dictionary<string, object> { ["role"] = "trainer" } });
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.PostAsync("/api/sync", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForItemAsync("auth.failed"));
        Assert.Equal("warning", item.Level);
        Assert.StartsWith("forbidden", item.Custom.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("POST", item.Custom.GetProperty("method").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), item.Custom.GetProperty("requestId").GetString());
        Assert.DoesNotContain(token.Split('.')[1], item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestCall_NoCredentials_SendsWarningSayingSo()
    {
        using var client = _factory.CreateClient();

        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/sync", content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForItemAsync("auth.failed"));
        Assert.Equal("unauthenticated: no Authorization header", item.Custom.GetProperty("reason").GetString());
        Assert.Equal("POST", item.Custom.GetProperty("method").GetString());
    }

    [Fact]
    public async Task GrpcCall_WrongToken_SendsWarningWithClientAddressWithoutTheToken()
    {
        _factory.UseRealKestrel();
        _ = _factory.Services;
        using var channel = GrpcChannel.ForAddress(_factory.GrpcAddress!);
        var client = new SyncService.SyncServiceClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetStatusAsync(
            new GetStatusRequest(), new Metadata { { "Authorization", "Bearer " + WrongToken } }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var item = Assert.Single(await _rollbar.WaitForItemAsync("auth.failed"));
        Assert.Equal("warning", item.Level);
        Assert.Equal("/aither.sync.v1.SyncService/GetStatus", item.Custom.GetProperty("route").GetString());
        Assert.Equal("127.0.0.1", item.Custom.GetProperty("clientAddress").GetString());
        Assert.StartsWith("req-", item.Custom.GetProperty("requestId").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WrongToken, item.Text, StringComparison.Ordinal);
    }

    private sealed class ExplodingInterceptor : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
            throw new InvalidOperationException("the store is on fire");
    }
}
