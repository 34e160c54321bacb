using Aither.Service.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SyncServiceCollectionExtensions
{
    /// <summary>The single-flight coordinator, its options and its event fan-out. The pipeline is registered separately.</summary>
    public static IServiceCollection AddAitherSyncCoordinator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyncOptions>, SyncOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SyncEvents>();
        services.AddSingleton<SyncCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncCoordinator>());
        return services;
    }
}
