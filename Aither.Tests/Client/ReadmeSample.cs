using Aither.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Aither.Tests.Client;

/// <summary>The README's usage sample, verbatim between the markers; <see cref="ReadmeSampleTests"/> keeps both in step.</summary>
public static class ReadmeSample
{
    public static async Task<AitherSyncJob> RunAsync(Uri address, string adminToken)
    {
        // <readme-sample>
        var services = new ServiceCollection();
        services.AddAitherSyncClient(o =>
        {
            o.Address = address;         // e.g. new Uri("http://localhost:5081")
            o.AdminToken = adminToken;   // one of the service's AITHER_ADMIN_TOKEN values
        });
        await using var provider = services.BuildServiceProvider();

        var aither = provider.GetRequiredService<IAitherSyncClient>();
        var job = await aither.RunSyncAsync();   // starts a sync, or joins the running one, and waits for its end
        Console.WriteLine($"Sync {job.JobId}: {job.Status}, {job.FilesGenerated} file(s) written, {job.Errors.Count} error(s)");
        // </readme-sample>
        return job;
    }
}
