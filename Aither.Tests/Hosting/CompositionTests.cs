using Aither.Service.Api;
using Aither.Service.Auth;
using Aither.Service.Health;
using Aither.Service.Hemera;
using Aither.Service.Monitoring;
using Aither.Service.Observability;
using Aither.Service.Output;
using Aither.Service.Rendering;
using Aither.Service.Scheduling;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aither.Tests.Hosting;

public sealed class CompositionTests(ITestOutputHelper output)
{
    private static readonly Action<IHostApplicationBuilder>[] Concerns =
    [
        b => b.AddAitherObservability(),
        b => b.AddAitherApi(),
        b => b.AddAitherAuth(),
        b => b.AddAitherHealth(),
        b => b.AddAitherMonitoring(),
        b => b.AddAitherSync(),
        b => b.AddAitherScheduling(),
        b => b.AddAitherHemera(),
        b => b.AddAitherRendering(),
        b => b.AddAitherOutput(),
    ];

    [Fact]
    public void Concerns_InEitherOrder_ObserveTheCatalogueAndReportAuthFailures()
    {
        foreach (var order in new[] { Concerns, Concerns.Reverse().ToArray() })
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.Configuration["AITHER_ADMIN_TOKEN"] = AitherFactory.AdminToken;
            builder.Configuration["HEMERA_API_BASE_URL"] = "http://127.0.0.1:9";
            builder.Configuration["HEMERA_API_KEY"] = "test-hemera-key";
            foreach (var add in order)
            {
                add(builder);
            }

            using var services = builder.Services.BuildServiceProvider();

            var catalog = Assert.IsType<ObservedHemeraCatalog>(services.GetRequiredService<IHemeraCatalog>());
            Assert.IsType<HemeraClient>(catalog.Source);
            Assert.Contains(services.GetServices<IHemeraCatalogObserver>(), o => o is PersonalDataRegistry);
            Assert.IsType<AuthorizationResultHandler>(services.GetRequiredService<IAuthorizationMiddlewareResultHandler>());
        }
    }

    [Fact]
    public async Task Shutdown_WhileSyncRuns_RollbarStillReceivesTheCancelledSync()
    {
        await using var rollbar = await RollbarStandIn.StartAsync();
        var factory = new AitherFactory().WithOutput(output).WithRollbar(rollbar);
        await using (factory)
        {
            Assert.True((await factory.Coordinator.TryStartAsync(force: false)).Started);
            await factory.Pipeline.Started.Guarded();
        }

        var requests = await rollbar.WaitForAsync(r => r.Any(i => i.Message == "sync.completed")).Guarded();
        var completed = Assert.Single(requests, r => r.Message == "sync.completed");
        Assert.Equal("failed", completed.Custom.GetProperty("status").GetString());
    }
}
