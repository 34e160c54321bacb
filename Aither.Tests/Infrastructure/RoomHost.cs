using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Infrastructure;

/// <summary>The service with the room page on: two viewer tokens, the real pipeline over an in-memory Hemera, a temp output folder.</summary>
public static class RoomHost
{
    public const string ViewerToken = "viewer-token-0123456789";
    public const string RotatedViewerToken = "viewer-token-rotated-0001";

    public static AitherFactory Create(ITestOutputHelper output, TempDirectory outputDir, InMemoryHemeraCatalog catalog, TimeProvider? time = null)
    {
        var factory = new AitherFactory { UseControllablePipeline = false }.WithOutput(output);
        Configure(factory, outputDir.Path, catalog, time);
        return factory;
    }

    /// <summary>The same service with its output folder inside the factory's own folder, deleted with it: for a service shared by the tests of a class.</summary>
    public static AitherFactory CreateWithOwnOutput(ITestOutputHelper output, InMemoryHemeraCatalog catalog, TimeProvider? time = null)
    {
        var factory = new AitherFactory { UseControllablePipeline = false }.WithOutput(output);
        Configure(factory, Path.Combine(factory.OwnDirectory, "output"), catalog, time);
        return factory;
    }

    private static void Configure(AitherFactory factory, string outputDir, InMemoryHemeraCatalog catalog, TimeProvider? time)
    {
        factory.Settings["ROOM_VIEWER_TOKENS"] = $"{ViewerToken}, {RotatedViewerToken}";
        factory.Settings["HTML_OUTPUT_DIR"] = outputDir;
        factory.ConfigureServices = services =>
        {
            services.ReplaceHemeraCatalog(catalog);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(time ?? new FakeTimeProvider(TestCourses.Now));
        };
    }

    /// <summary>Runs one sync through the coordinator and waits for it.</summary>
    public static async Task SyncAsync(this AitherFactory factory, bool force = false)
    {
        Assert.True((await factory.Coordinator.TryStartAsync(force)).Started);
        await factory.Coordinator.WhenIdleAsync().Guarded();
    }
}
