using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aither.Service.Sync;

public static class SyncExtensions
{
    /// <summary>
    /// The single-flight coordinator, its options and its event fan-out, and the Hemera-to-HTML pipeline it runs.
    /// </summary>
    public static IHostApplicationBuilder AddAitherSync(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<SyncOptions, SyncOptionsValidator>().Bind(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SyncEvents>();
        services.AddSingleton<SyncCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncCoordinator>());
        services.AddSingleton<SyncJobWatcher>();
        services.AddSingleton<ISyncPipeline, HemeraSyncPipeline>();
        return builder;
    }
}
