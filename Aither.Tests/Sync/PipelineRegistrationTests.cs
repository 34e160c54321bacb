using Aither.Service.Rendering;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Sync;

public sealed class PipelineRegistrationTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddAitherSync_SyncTriggeredOnService_WritesPageThroughRealPipeline()
    {
        var catalog = new InMemoryHemeraCatalog().Put(Course(participants: [Participant("Anna Berg")]));
        await using var factory = new AitherFactory { UseControllablePipeline = false }.WithOutput(output);
        factory.Settings["HTML_OUTPUT_DIR"] = _dir.Path;
        factory.ConfigureServices = services =>
        {
            services.ReplaceHemeraCatalog(catalog);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        };

        Assert.IsType<HemeraSyncPipeline>(factory.Services.GetRequiredService<ISyncPipeline>());
        var start = await factory.Coordinator.TryStartAsync(force: false);
        await factory.Coordinator.WhenIdleAsync().Guarded();

        var job = factory.Coordinator.Latest!;
        Assert.True(start.Started);
        Assert.Equal(SyncJobStatus.Success, job.Status);
        Assert.Equal(1, job.FilesGenerated);
        Assert.Equal([".sync-manifest.json", "courses/kommunikation-im-team.html"], _dir.Files());
    }

    [Fact]
    public void AddAitherRendering_UnknownDisplayTimeZone_StartupValidationNamesVariable()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DISPLAY_TIME_ZONE"] = "Mars/Olympus_Mons" });
        builder.AddAitherRendering();
        using var provider = builder.Services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("DISPLAY_TIME_ZONE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", failure.Message, StringComparison.Ordinal);
    }
}
